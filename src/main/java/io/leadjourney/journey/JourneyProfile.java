package io.leadjourney.journey;

import static io.leadjourney.journey.JourneyVariables.COOLING_DOWN;
import static io.leadjourney.journey.JourneyVariables.COUNTRY;
import static io.leadjourney.journey.JourneyVariables.INDUSTRY;
import static io.leadjourney.journey.JourneyVariables.MARKETING_STOPPED;
import static io.leadjourney.journey.JourneyVariables.SCORE;
import static io.leadjourney.journey.JourneyVariables.SEGMENT;
import static io.leadjourney.journey.JourneyVariables.TITLE;
import static io.leadjourney.journey.JourneyVariables.WHATSAPP_CONSENT;

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
        TITLE.setIfChanged(scope, person.title());
        INDUSTRY.setIfChanged(scope, person.industry() == null ? null : person.industry().toLowerCase());
        SEGMENT.setIfChanged(scope, person.company() == null ? "B2C" : "B2B");
        COUNTRY.setIfChanged(scope, country(person.phone()));
        SCORE.setIfChanged(scope, person.score());
        WHATSAPP_CONSENT.setIfChanged(scope, consents.granted(id, Channel.WHATSAPP));
        MARKETING_STOPPED.setIfChanged(scope, person.marketingStopped());
        COOLING_DOWN.setIfChanged(scope, verdicts.coolingDown(id));
        return person;
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
