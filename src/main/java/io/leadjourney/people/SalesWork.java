package io.leadjourney.people;

import java.util.Set;

/**
 * Whether a salesperson works on a person — a follow-up of their journey, or an opportunity the person is a contact of.
 * Sales knows (sales.SalesAccess); the people API asks it before it shows a salesperson anyone.
 */
public interface SalesWork {

    boolean worksOn(String userId, Set<String> groups, String personId);
}
