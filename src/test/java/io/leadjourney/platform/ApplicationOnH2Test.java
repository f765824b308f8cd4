package io.leadjourney.platform;

/** The service on its embedded default database. */
class ApplicationOnH2Test extends ApplicationContract {
}
