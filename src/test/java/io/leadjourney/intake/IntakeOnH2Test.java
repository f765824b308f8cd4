package io.leadjourney.intake;

class IntakeOnH2Test extends IntakeContract {
}
