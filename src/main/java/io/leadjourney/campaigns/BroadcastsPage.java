package io.leadjourney.campaigns;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.leadjourney.people.Stage;
import io.leadjourney.platform.security.AllowedGroups;
import io.leadjourney.platform.security.Caller;
import io.leadjourney.platform.security.Groups;
import io.leadjourney.platform.web.ConflictException;
import io.leadjourney.platform.web.FieldProblem;
import io.leadjourney.platform.web.InvalidRequestException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The page marketing ops start a broadcast on and watch it go out (/broadcasts). */
@Controller
@AllowedGroups({Groups.MARKETING_OPS, Groups.ADMIN})
class BroadcastsPage {

    private final Broadcasts broadcasts;
    private final ZoneId zone;

    BroadcastsPage(Broadcasts broadcasts, ZoneId zone) {
        this.broadcasts = broadcasts;
        this.zone = zone;
    }

    /** What the form holds: kept when the broadcast is refused, so nothing typed is lost. */
    record Form(String name, String channel, String variants, List<String> stages, List<String> grades, String industries, String sources,
                Integer minScore, String sendAt) {
    }

    @GetMapping("/broadcasts")
    String list(Model model) {
        return page(model, new Form("", "EMAIL", "webinar-invite", List.of(), List.of(), "", "", null, ""), List.of());
    }

    @PostMapping("/broadcasts")
    String start(Caller caller, @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "EMAIL") String channel,
                 @RequestParam(defaultValue = "") String variants, @RequestParam(required = false) List<String> stages,
                 @RequestParam(required = false) List<String> grades, @RequestParam(defaultValue = "") String industries,
                 @RequestParam(defaultValue = "") String sources, @RequestParam(required = false) Integer minScore,
                 @RequestParam(defaultValue = "") String sendAt, Model model) {
        Form form = new Form(name, channel, variants, stages == null ? List.of() : stages, grades == null ? List.of() : grades, industries, sources,
            minScore, sendAt);
        List<FieldProblem> problems = new ArrayList<>();
        List<BroadcastRequest.Variant> versions = versions(variants, problems);
        String when = null;
        if (!sendAt.isBlank()) {
            try {
                when = LocalDateTime.parse(sendAt).atZone(zone).toOffsetDateTime().toString();
            } catch (DateTimeParseException e) {
                problems.add(new FieldProblem("sendAt", "'" + sendAt + "' is not a date and time"));
            }
        }
        if (!problems.isEmpty()) {
            return page(model, form, problems);
        }
        BroadcastRequest request = new BroadcastRequest(name, channel, versions.size() == 1 && versions.get(0).share() == null
            ? versions.get(0).template() : null, versions.size() == 1 && versions.get(0).share() == null ? null : versions,
            new BroadcastRequest.Segment(form.stages(), form.grades(), list(industries), list(sources), minScore), when);
        try {
            return "redirect:/broadcasts/" + broadcasts.create(caller, request);
        } catch (InvalidRequestException e) {
            return page(model, form, e.problems());
        }
    }

    @GetMapping("/broadcasts/{id}")
    String show(@PathVariable String id, Model model) {
        model.addAttribute("broadcast", broadcasts.view(id));
        return "campaigns/broadcast";
    }

    @PostMapping("/broadcasts/{id}/cancel")
    String cancel(@PathVariable String id, Model model) {
        try {
            broadcasts.cancel(id);
        } catch (ConflictException e) {
            model.addAttribute("problem", e.getMessage());
        }
        return show(id, model);
    }

    private String page(Model model, Form form, List<FieldProblem> problems) {
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("stages", Arrays.stream(Stage.values()).map(Stage::name).toList());
        model.addAttribute("zone", zone);
        model.addAttribute("recent", broadcasts.recent(20));
        return "campaigns/broadcasts";
    }

    /** One template per line; "template share" (or "template: share") for A/B variants. */
    private static List<BroadcastRequest.Variant> versions(String text, List<FieldProblem> problems) {
        List<BroadcastRequest.Variant> versions = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String[] parts = line.trim().split("[\\s:]+");
            if (parts.length == 0 || parts[0].isEmpty()) {
                continue;
            }
            Integer share = null;
            if (parts.length > 1) {
                try {
                    share = Integer.valueOf(parts[1].replace("%", ""));
                } catch (NumberFormatException e) {
                    problems.add(new FieldProblem("variants", "'" + line.trim() + "': write the template, then its share in percent"));
                }
            }
            versions.add(new BroadcastRequest.Variant(parts[0], share));
        }
        if (versions.isEmpty()) {
            problems.add(new FieldProblem("variants", "name the template (or one per line with its share for an A/B test)"));
        }
        return versions;
    }

    private static List<String> list(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(value -> !value.isEmpty()).toList();
    }
}
