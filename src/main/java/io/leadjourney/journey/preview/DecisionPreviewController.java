package io.leadjourney.journey.preview;

import io.leadjourney.platform.security.AllowedGroups;
import io.leadjourney.platform.security.Groups;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** POST /api/decisions/{key}/preview with an edited table (the .dmn file): what it would have decided differently. */
@RestController
@AllowedGroups({Groups.MARKETING_OPS, Groups.ADMIN})
class DecisionPreviewController {

    private final DecisionPreview preview;

    DecisionPreviewController(DecisionPreview preview) {
        this.preview = preview;
    }

    @PostMapping(path = "/api/decisions/{key}/preview", consumes = {"application/xml", "text/xml", "application/octet-stream"},
        produces = "application/json")
    DecisionPreview.Result preview(@PathVariable String key, @RequestParam(defaultValue = "30") int days, @RequestBody byte[] table) {
        return preview.preview(key, table, days);
    }
}
