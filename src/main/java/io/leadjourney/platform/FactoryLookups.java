package io.leadjourney.platform;

import org.springframework.context.annotation.Configuration;

/**
 * Names the implementations that Jakarta Mail and javax.xml look up through ServiceLoader on every MIME part and every
 * timer duration. Without these system properties each lookup scans the whole class path; with them a send costs a
 * fraction (timer-storm benchmark, docs/benchmarks.md). An operator's own -D setting wins.
 */
@Configuration(proxyBeanMethods = false)
class FactoryLookups {

    static {
        settle("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        settle("javax.xml.datatype.DatatypeFactory", "com.sun.org.apache.xerces.internal.jaxp.datatype.DatatypeFactoryImpl");
    }

    private static void settle(String factory, String implementation) {
        if (System.getProperty(factory) == null) {
            System.setProperty(factory, implementation);
        }
    }
}
