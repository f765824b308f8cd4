package io.leadjourney.journey.migration;

class JourneyMigrationOnH2Test extends JourneyMigrationContract {
}
