package io.leadjourney.sales;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a salesperson needs before calling, as the sales tasks carry it (local task variables the forms and Tasklist's
 * filters show): who (name, company, title, phone with a click-to-WhatsApp link), where they stand (stage, score,
 * grade), why they are sales-ready (recent signals and the qualification decision), the conversation so far (notes)
 * and, in an opportunity, its other contacts. Values are text ("—" when unknown) except the score.
 */
public record TaskContext(String personName, String personCompany, String personTitle, String personEmail, String personPhone,
                          String whatsappLink, String personStage, int personScore, String personGrade, String recentSignals,
                          String whySalesReady, String previousNotes, String opportunityContacts) {

    /** Shown for what is not known; not "-", which the forms' Markdown would turn into an empty list. */
    public static final String NONE = "—";

    public static final String PERSON_NAME = "personName";
    public static final String PERSON_COMPANY = "personCompany";
    public static final String PERSON_STAGE = "personStage";

    /** The names of the task variables, as the forms reference them ({{personName}}). */
    public static final List<String> NAMES = List.of(PERSON_NAME, PERSON_COMPANY, "personTitle", "personEmail", "personPhone", "whatsappLink",
        PERSON_STAGE, "personScore", "personGrade", "recentSignals", "whySalesReady", "previousNotes", "opportunityContacts");

    /** The task variables; {@code opportunityContacts} only in an opportunity. */
    public Map<String, Object> variables() {
        List<Object> values = Arrays.asList(personName, personCompany, personTitle, personEmail, personPhone, whatsappLink, personStage,
            personScore, personGrade, recentSignals, whySalesReady, previousNotes, opportunityContacts);
        Map<String, Object> variables = new LinkedHashMap<>();
        for (int i = 0; i < NAMES.size(); i++) {
            if (values.get(i) != null) {
                variables.put(NAMES.get(i), values.get(i));
            }
        }
        return variables;
    }

    /** The text, or {@link #NONE} when it is empty. */
    public static String orNone(String value) {
        return value == null || value.isBlank() ? NONE : value;
    }
}
