package io.leadjourney.messaging;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.leadjourney.platform.security.AllowedGroups;
import io.leadjourney.platform.security.Groups;
import jakarta.mail.Address;
import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * /mail: what the local SMTP server received (subject, recipients, headers, text and HTML bodies), newest first. It lists
 * every unsubscribe link: only administrators and marketing ops, and never in the prod profile.
 */
@Controller
@Profile("!prod")
@ConditionalOnBean(LocalSmtpServer.class)
@AllowedGroups({Groups.ADMIN, Groups.MARKETING_OPS})
class LocalMailboxController {

    record ReceivedMail(String subject, String from, String to, String date, List<String> headers, String text, String html) {
    }

    private final LocalSmtpServer server;

    LocalMailboxController(LocalSmtpServer server) {
        this.server = server;
    }

    @GetMapping("/mail")
    String mailbox(Model model) throws Exception {
        List<ReceivedMail> mails = new ArrayList<>();
        for (MimeMessage message : server.received()) {
            mails.add(describe(message));
        }
        Collections.reverse(mails);
        model.addAttribute("mails", mails);
        return "mailbox";
    }

    private static ReceivedMail describe(MimeMessage message) throws Exception {
        List<String> headers = new ArrayList<>();
        for (Header header : Collections.list(message.getAllHeaders())) {
            headers.add(header.getName() + ": " + header.getValue());
        }
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder();
        collect(message, text, html);
        return new ReceivedMail(message.getSubject(), String.join(", ", addresses(message.getFrom())),
            String.join(", ", addresses(message.getRecipients(Message.RecipientType.TO))),
            String.valueOf(message.getSentDate()), headers, text.toString(), html.toString());
    }

    private static void collect(Part part, StringBuilder text, StringBuilder html) throws Exception {
        if (part.isMimeType("text/plain")) {
            text.append(part.getContent());
        } else if (part.isMimeType("text/html")) {
            html.append(part.getContent());
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), text, html);
            }
        }
    }

    private static List<String> addresses(Address[] addresses) throws MessagingException {
        List<String> list = new ArrayList<>();
        if (addresses != null) {
            for (Address address : addresses) {
                list.add(address.toString());
            }
        }
        return list;
    }
}
