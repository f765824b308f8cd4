package io.leadjourney.journey;

import static io.leadjourney.journey.JourneyVariables.COOLING_DOWN;
import static io.leadjourney.journey.JourneyVariables.COUNTRY;
import static io.leadjourney.journey.JourneyVariables.INDUSTRY;
import static io.leadjourney.journey.JourneyVariables.MARKETING_STOPPED;
import static io.leadjourney.journey.JourneyVariables.SCORE;
import static io.leadjourney.journey.JourneyVariables.SEGMENT;
import static io.leadjourney.journey.JourneyVariables.TITLE;
import static io.leadjourney.journey.JourneyVariables.WHATSAPP_CONSENT;

import java.util.LinkedHashMap;
import java.util.Map;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.leadjourney.people.Channel;
import io.leadjourney.people.ConsentRepository;
import io.leadjourney.people.Person;
import io.leadjourney.people.PersonId;
import io.leadjourney.people.PersonRepository;
import io.leadjourney.sales.SalesVerdicts;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/** Copies what the decision tables need of a person into the journey's variables. */
@Component
class JourneyProfile {

    private final PersonRepository people;
    private final ConsentRepository consents;
    private final SalesVerdicts verdicts;

    JourneyProfile(PersonRepository people, ConsentRepository consents, SalesVerdicts verdicts) {
        this.people = people;
        this.consents = consents;
        this.verdicts = verdicts;
    }

    Person refresh(VariableScope scope, PersonId id) {
        Person person = people.findById(id).orElseThrow(() -> new IllegalStateException("journey of unknown person " + id));
        SCORE.setIfChanged(scope, person.score());
        facts(person).forEach((name, value) -> ProcessVariable.setIfChanged(scope, name, value));
        return person;
    }

    /**
     * What the journey keeps of the person for its tables and conditions, by variable name (the score aside: it changes
     * with every signal and is refreshed whenever the journey acts).
     */
    Map<String, Object> facts(Person person) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put(TITLE.name(), person.title());
        facts.put(INDUSTRY.name(), person.industry() == null ? null : person.industry().toLowerCase());
        facts.put(SEGMENT.name(), person.company() == null ? "B2C" : "B2B");
        facts.put(COUNTRY.name(), country(person.phone()));
        facts.put(WHATSAPP_CONSENT.name(), consents.granted(person.id(), Channel.WHATSAPP));
        facts.put(MARKETING_STOPPED.name(), person.marketingStopped());
        facts.put(COOLING_DOWN.name(), verdicts.coolingDown(person.id()));
        return facts;
    }

    /** ISO country of the phone number, or "" when unknown. */
    static String country(String e164) {
        if (e164 == null) {
            return "";
        }
        try {
            String region = PhoneNumberUtil.getInstance().getRegionCodeForNumber(PhoneNumberUtil.getInstance().parse(e164, null));
            return region == null ? "" : region;
        } catch (NumberParseException e) {
            return "";
        }
    }
}
