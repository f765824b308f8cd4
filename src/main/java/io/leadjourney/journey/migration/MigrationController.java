package io.leadjourney.journey.migration;

import java.util.List;

import io.leadjourney.platform.security.AllowedGroups;
import io.leadjourney.platform.security.Groups;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The runs that moved running journeys to new versions (ARCHITECTURE.md, "Marketing ops own the models"). */
@RestController
@AllowedGroups({Groups.MARKETING_OPS, Groups.ADMIN, Groups.AUDITORS})
class MigrationController {

    private final MigrationHistory migrations;

    MigrationController(MigrationHistory migrations) {
        this.migrations = migrations;
    }

    @GetMapping(path = "/api/journeys/migrations", produces = "application/json")
    List<MigrationRun> runs() {
        return migrations.runs();
    }
}
