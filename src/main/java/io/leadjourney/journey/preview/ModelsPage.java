package io.leadjourney.journey.preview;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import io.leadjourney.platform.engine.ModelCheckPlugin;
import io.leadjourney.platform.engine.ModelProblem;
import io.leadjourney.platform.security.AllowedGroups;
import io.leadjourney.platform.security.Groups;
import io.leadjourney.platform.web.InvalidRequestException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * A page for marketing ops: check a model file before deploying it (the problems a deployment would be refused with,
 * as the Modeler shows them) and, for a decision table, what it would have decided differently on the last days' inputs.
 * Nothing is deployed from here.
 */
@Controller
@AllowedGroups({Groups.MARKETING_OPS, Groups.ADMIN})
class ModelsPage {

    private final ModelCheckPlugin checks;
    private final DecisionPreview preview;

    ModelsPage(ModelCheckPlugin checks, DecisionPreview preview) {
        this.checks = checks;
        this.preview = preview;
    }

    @GetMapping("/models")
    String form(Model model) {
        model.addAttribute("days", 30);
        return "models/check";
    }

    @PostMapping("/models")
    String check(@RequestParam("file") MultipartFile file, @RequestParam(defaultValue = "30") int days, Model model) throws IOException {
        String name = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank() ? "model" : file.getOriginalFilename();
        byte[] content = file.getBytes();
        List<ModelProblem> problems = checks.check(Map.of(name, content));
        model.addAttribute("file", name);
        model.addAttribute("days", days);
        model.addAttribute("problems", problems);
        if (problems.isEmpty() && name.endsWith(".dmn")) {
            String key = name.substring(name.lastIndexOf('/') + 1, name.length() - ".dmn".length());
            try {
                model.addAttribute("preview", preview.preview(key, content, days));
                model.addAttribute("key", key);
            } catch (InvalidRequestException e) {
                model.addAttribute("previewProblem", e.getMessage());
            }
        }
        return "models/check";
    }
}
