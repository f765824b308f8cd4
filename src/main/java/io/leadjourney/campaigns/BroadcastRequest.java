package io.leadjourney.campaigns;

import java.util.List;

/** The body of POST /api/broadcasts (ARCHITECTURE.md, "Campaigns and channels"). */
public record BroadcastRequest(String name, String channel, String template, List<Variant> variants, Segment segment, String sendAt) {

    /** One version of the message and the share of the audience (percent) that gets it. */
    public record Variant(String template, Integer share) {
    }

    /** Who gets it, resolved when the broadcast starts: every criterion given must hold (none: everyone). */
    public record Segment(List<String> stages, List<String> grades, List<String> industries, List<String> sources, Integer minScore) {
    }
}
