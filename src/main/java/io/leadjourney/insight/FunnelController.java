package io.leadjourney.insight;

import java.time.Clock;
import java.time.LocalDate;

import io.leadjourney.platform.security.AllowedGroups;
import io.leadjourney.platform.security.Groups;
import io.leadjourney.platform.web.Dates;
import io.leadjourney.platform.web.InvalidRequestException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** The funnel report as JSON (GET /api/insight/funnel) and as a page with a chart (/insight/funnel). */
@Controller
@AllowedGroups({Groups.AUDITORS, Groups.ADMIN, Groups.MARKETING_OPS, Groups.SALES_MANAGERS})
class FunnelController {

    private final FunnelReport report;
    private final Clock clock;

    FunnelController(FunnelReport report, Clock clock) {
        this.report = report;
        this.clock = clock;
    }

    @GetMapping(path = "/api/insight/funnel", produces = "application/json")
    @ResponseBody
    FunnelReport.Funnel funnel(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                               @RequestParam(required = false) String source) {
        LocalDate end = to != null ? to : LocalDate.now(clock.withZone(report.zone()));
        LocalDate start = from != null ? from : end.minusDays(89);
        Dates.reasonable("from", start);
        Dates.reasonable("to", end);
        if (end.isBefore(start)) {
            throw new InvalidRequestException("to", "must not be before from");
        }
        return report.report(start, end, source == null || source.isBlank() ? null : source.trim());
    }

    @GetMapping("/insight/funnel")
    String page(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                @RequestParam(required = false) String source, Model model) {
        FunnelReport.Funnel funnel = funnel(from, to, source);
        model.addAttribute("funnel", funnel);
        model.addAttribute("max", funnel.stages().stream().mapToInt(FunnelReport.StageFigures::reached).max().orElse(0));
        return "insight/funnel";
    }
}
