package io.leadjourney.people;

import java.util.Locale;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

/** Normalisation of contact data, shared by every way people enter the system (signals, imports). */
public final class ContactData {

    /** Numbers without a country code are Indonesian (0812…, 812…). */
    public static final String DEFAULT_REGION = "ID";
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    // Pragmatic check: one @, no spaces or control characters, a dot in the domain. Deliverability is SMTP's job.
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}.]{2,}$");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029\\u0085]+");
    private static final Pattern SPACES = Pattern.compile("\\s{2,}");

    private ContactData() {
    }

    /** Lower-cased and trimmed, or null when blank; throws when not an address. */
    public static String email(String raw) {
        String value = blankToNull(raw);
        if (value == null) {
            return null;
        }
        value = value.toLowerCase(Locale.ROOT);
        if (value.length() > 254 || !EMAIL.matcher(value).matches()) {
            throw new IllegalArgumentException("is not an email address");
        }
        return value;
    }

    /** E.164 ({@code +6281234567890}), or null when blank; throws when not a possible number. */
    public static String phone(String raw) {
        String value = blankToNull(raw);
        if (value == null) {
            return null;
        }
        String digits = value.replaceAll("[\\s().\\-/]", "");
        // "62812…" written without the plus is common in Indonesia (WhatsApp links, exports).
        if (digits.startsWith("62") && !digits.startsWith("+")) {
            digits = "+" + digits;
        }
        try {
            Phonenumber.PhoneNumber number = PHONES.parse(digits, DEFAULT_REGION);
            if (!PHONES.isPossibleNumber(number) || !PHONES.isValidNumber(number)) {
                throw new IllegalArgumentException("is not a valid phone number");
            }
            return PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw new IllegalArgumentException("is not a phone number");
        }
    }

    /**
     * Free text for a header-adjacent field (name, company, title): control characters (CR, LF, tabs, …) become spaces,
     * runs of spaces collapse, the result is trimmed and cut to {@code max} characters. Null when blank.
     */
    public static String text(String raw, int max) {
        if (raw == null) {
            return null;
        }
        String cleaned = SPACES.matcher(CONTROL.matcher(raw).replaceAll(" ")).replaceAll(" ").trim();
        if (cleaned.isEmpty()) {
            return null;
        }
        return cleaned.length() > max ? cleaned.substring(0, max).trim() : cleaned;
    }

    private static String blankToNull(String raw) {
        if (raw == null) {
            return null;
        }
        String trimmed = raw.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
