package io.leadjourney.messaging;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;

import io.leadjourney.people.PeopleService;
import io.leadjourney.people.Person;
import io.leadjourney.people.PersonRepository;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * One-click unsubscribe (RFC 8058). POST with {@code List-Unsubscribe=One-Click} — from a mail client, without cookies
 * or authentication — stops all marketing at once and answers 200 without a redirect. GET only shows a page with a
 * confirmation button and changes nothing (link scanners follow GETs).
 */
@Controller
class UnsubscribeController {

    private final PersonRepository people;
    private final PeopleService peopleService;
    private final Clock clock;

    UnsubscribeController(PersonRepository people, PeopleService peopleService, Clock clock) {
        this.people = people;
        this.peopleService = peopleService;
        this.clock = clock;
    }

    @GetMapping("/unsubscribe/{token}")
    String confirm(@PathVariable String token, Model model) {
        Optional<Person> person = people.findByUnsubscribeToken(token);
        model.addAttribute("known", person.isPresent());
        model.addAttribute("alreadyStopped", person.map(Person::marketingStopped).orElse(false));
        model.addAttribute("language", person.map(Person::language).orElse("id"));
        model.addAttribute("done", false);
        return "unsubscribe";
    }

    @PostMapping(path = "/unsubscribe/{token}", produces = "text/plain;charset=UTF-8")
    @ResponseBody
    @Transactional
    ResponseEntity<String> unsubscribe(@PathVariable String token) {
        Optional<Person> person = people.findByUnsubscribeToken(token);
        if (person.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body("Unknown unsubscribe link.");
        }
        peopleService.stopMarketing(person.get().id(), OffsetDateTime.now(clock), "unsubscribe link");
        return ResponseEntity.ok("en".equals(person.get().language())
            ? "You are unsubscribed: you will receive no more marketing messages from us."
            : "Anda telah berhenti berlangganan: Anda tidak akan menerima pesan pemasaran lagi dari kami.");
    }
}
