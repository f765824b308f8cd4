package io.leadjourney.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ContactDataTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "081234567890|+6281234567890",
        "0812-3456-7890|+6281234567890",
        "0812 3456 7890|+6281234567890",
        "(0812) 3456-7890|+6281234567890",
        "6281234567890|+6281234567890",
        "62 812 3456 7890|+6281234567890",
        "+62 812-3456-7890|+6281234567890",
        "+6281234567890|+6281234567890",
        "81234567890|+6281234567890",
        "021-5550123|+62215550123",
        "+65 6123 4567|+6561234567",
    })
    void indonesianNumbersInEveryCommonFormatAreOneNumber(String raw, String e164) {
        assertThat(ContactData.phone(raw)).isEqualTo(e164);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12", "0812", "not a number", "+62 000"})
    void impossibleNumbersAreRefused(String raw) {
        assertThatThrownBy(() -> ContactData.phone(raw)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void blankPhoneAndEmailAreAbsent() {
        assertThat(ContactData.phone("  ")).isNull();
        assertThat(ContactData.email(null)).isNull();
    }

    @Test
    void emailIsTrimmedAndLowerCased() {
        assertThat(ContactData.email("  Rina.Wijaya@Example.CO.ID ")).isEqualTo("rina.wijaya@example.co.id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rina", "rina@", "@example.com", "rina@example", "rina wijaya@example.com", "a@b@example.com", "rina@example.com\r\nBcc: x@evil"})
    void malformedEmailsAreRefused(String raw) {
        assertThatThrownBy(() -> ContactData.email(raw)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void controlCharactersInFreeTextBecomeSpacesAndNothingElseChanges() {
        assertThat(ContactData.text("Rina\r\nBcc: x@evil.example", 200)).isEqualTo("Rina Bcc: x@evil.example");
        assertThat(ContactData.text("PT\tMaju\u0000Jaya\u2028Abadi", 200)).isEqualTo("PT Maju Jaya Abadi");
        assertThat(ContactData.text("  Toko   Sumber Rejeki  ", 200)).isEqualTo("Toko Sumber Rejeki");
        assertThat(ContactData.text("\r\n", 200)).isNull();
        assertThat(ContactData.text("Ibu Siti Nurhaliza", 8)).isEqualTo("Ibu Siti");
    }
}
