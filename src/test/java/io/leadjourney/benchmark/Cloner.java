package io.leadjourney.benchmark;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Bulk creation for the scale benchmark (PostgreSQL only): copies the runtime rows of real template journeys — made by
 * the engine — {@code copies} times with new ids, so that a million waiting journeys exist without a million process
 * starts. Camunda ids get a suffix ({@code <id>-<k>}); person ids (the business key and the personId variable) become
 * new UUIDs derived from the template's. History is not copied (it is measured on the templates).
 */
final class Cloner {

    private final JdbcClient jdbc;

    Cloner(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Copies the rows of the journeys whose process instance ids are in the temporary table bench_template. */
    void cloneJourneys(int copies, int copiesPerStatement) {
        for (int from = 1; from <= copies; from += copiesPerStatement) {
            int to = Math.min(copies, from + copiesPerStatement - 1);
            String k = "generate_series(" + from + ", " + to + ") k";
            copy("lj_person", "t.id in (select business_key from bench_template)", k, Set.of(),
                "id", "md5(t.id || ':' || k)::uuid::text",
                "email", "'c' || k || '.' || t.email",
                "unsubscribe_token", "md5(t.unsubscribe_token || ':' || k)");
            copy("lj_consent", "t.person_id in (select business_key from bench_template)", k, Set.of("id"),
                "person_id", "md5(t.person_id || ':' || k)::uuid::text");
            copy("act_ru_execution", "t.proc_inst_id_ in (select id from bench_template)", k,
                Set.of("id_", "root_proc_inst_id_", "proc_inst_id_", "parent_id_", "super_exec_", "act_inst_id_"),
                "business_key_", "md5(t.business_key_ || ':' || k)::uuid::text");
            copy("act_ru_event_subscr", "t.proc_inst_id_ in (select id from bench_template)", k,
                Set.of("id_", "execution_id_", "proc_inst_id_"));
            copy("act_ru_variable", "t.proc_inst_id_ in (select id from bench_template)", k,
                Set.of("id_", "execution_id_", "proc_inst_id_", "var_scope_", "root_proc_inst_id_", "batch_id_"),
                "text_", "case when t.name_ = 'personId' then md5(t.text_ || ':' || k)::uuid::text else t.text_ end");
            copy("act_ru_job", "t.process_instance_id_ in (select id from bench_template)", k,
                Set.of("id_", "execution_id_", "process_instance_id_", "root_proc_inst_id_"));
        }
    }

    /** Copies the tasks listed in bench_task_template (with their candidate links and authorizations). */
    void cloneTasks(int copies, int copiesPerStatement) {
        for (int from = 1; from <= copies; from += copiesPerStatement) {
            int to = Math.min(copies, from + copiesPerStatement - 1);
            String k = "generate_series(" + from + ", " + to + ") k";
            // the copies point at their template's execution: queries do not care, and nobody completes them
            copy("act_ru_task", "t.id_ in (select id from bench_task_template)", k, Set.of("id_"));
            copy("act_ru_identitylink", "t.task_id_ in (select id from bench_task_template)", k, Set.of("id_", "task_id_"));
            copy("act_ru_authorization", "t.resource_type_ = 7 and t.resource_id_ in (select id from bench_task_template)", k,
                Set.of("id_", "resource_id_"));
        }
    }

    /** insert into {table} select ... from {table} t cross join {series} where {where}, with id columns suffixed. */
    private void copy(String table, String where, String series, Set<String> suffixed, String... replaced) {
        List<String> columns = jdbc.sql("select column_name from information_schema.columns where table_name = ? and table_schema = 'public' "
            + "order by ordinal_position").param(table).query(String.class).list();
        Map<String, String> replacements = new HashMap<>();
        for (int i = 0; i < replaced.length; i += 2) {
            replacements.put(replaced[i], replaced[i + 1]);
        }
        boolean identity = table.equals("lj_consent");
        List<String> target = columns.stream().filter(c -> !(identity && c.equals("id"))).toList();
        String select = target.stream().map(c -> replacements.containsKey(c) ? replacements.get(c)
            : suffixed.contains(c) ? "t." + c + " || '-' || k" : "t." + c).collect(Collectors.joining(", "));
        jdbc.sql("insert into " + table + " (" + String.join(", ", target) + ") select " + select + " from " + table + " t cross join "
            + series + " where " + where).update();
    }
}
