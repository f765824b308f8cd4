package io.leadjourney.people;

/** A channel marketing can reach a person on; consent is kept per channel. */
public enum Channel {
    EMAIL, WHATSAPP
}
