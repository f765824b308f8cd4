package io.leadjourney.audit;

class ErasureOnH2Test extends ErasureContract {

    @Override
    String dump() {
        return String.join("\n", jdbc.sql("SCRIPT").query(String.class).list());
    }
}
