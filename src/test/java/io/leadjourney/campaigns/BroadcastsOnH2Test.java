package io.leadjourney.campaigns;

class BroadcastsOnH2Test extends BroadcastsContract {
}
