package io.leadjourney.intake;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Erasure's part in intake: an import's error lines that quote the person's address or number go. */
@Component
public class ImportErasure {

    private final JdbcClient jdbc;

    ImportErasure(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void forgetLinesNaming(List<String> identifiers) {
        for (String identity : identifiers) {
            jdbc.sql("delete from lj_import_error where message like ?").param("%" + identity + "%").update();
        }
    }
}
