package io.leadjourney.people;

/** Lifecycle stages of DOMAIN.md, in the order a person normally moves through them. */
public enum Stage {
    CONTACT(Owner.MARKETING),
    LEAD(Owner.MARKETING),
    MQL(Owner.MARKETING),
    PQL(Owner.MARKETING),
    SQL(Owner.SALES),
    PROSPECT(Owner.SALES),
    OPPORTUNITY(Owner.SALES),
    CUSTOMER(Owner.CUSTOMER_SUCCESS),
    CLOSED_LOST(Owner.MARKETING),
    DISQUALIFIED(Owner.NOBODY);

    /** Who works the person in this stage; signals move a person only while marketing owns them. */
    public enum Owner { MARKETING, SALES, CUSTOMER_SUCCESS, NOBODY }

    private final Owner owner;

    Stage(Owner owner) {
        this.owner = owner;
    }

    public Owner owner() {
        return owner;
    }

    /**
     * The stage after evidence that supports {@code qualified}: a signal moves a marketing-owned person forward along
     * CONTACT → LEAD → MQL → PQL → SQL (a closed-lost person re-enters at whatever the evidence supports), never back,
     * and never a person that sales or customer success own.
     */
    public Stage advancedBy(Stage qualified) {
        if (owner != Owner.MARKETING || qualified == null || qualified.ordinal() > SQL.ordinal()) {
            return this;
        }
        if (this == CLOSED_LOST) {
            return qualified == CONTACT ? this : qualified;
        }
        return qualified.ordinal() > ordinal() ? qualified : this;
    }
}
