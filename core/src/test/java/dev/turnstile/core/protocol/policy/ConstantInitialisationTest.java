package dev.turnstile.core.protocol.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shorthand constants on the sealed policy interfaces ({@code CodexErrorInfo.BAD_REQUEST}, ...) point at
 * enum constants. They must not be null even when the enum is initialised before the interface (which
 * happens if the interface declares default methods). Checked in a fresh class loader so that the order is
 * the dangerous one.
 */
class ConstantInitialisationTest {

    @CsvSource({
            "dev.turnstile.core.protocol.policy.CodexErrorInfo, dev.turnstile.core.protocol.policy.CodexErrorInfo$Kind, BAD_REQUEST",
            "dev.turnstile.core.protocol.policy.AskForApproval, dev.turnstile.core.protocol.policy.AskForApproval$Mode, NEVER",
            "dev.turnstile.core.protocol.policy.ReviewDecision, dev.turnstile.core.protocol.policy.ReviewDecision$Simple, DENIED"})
    @ParameterizedTest
    void interfaceConstantsAreSetWhenTheEnumIsInitialisedFirst(String iface, String enumeration, String constant)
            throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(new File(entry).toURI().toURL());
        }
        try (URLClassLoader fresh = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            Class.forName(enumeration, true, fresh);
            Object value = Class.forName(iface, true, fresh).getField(constant).get(null);
            assertThat(value).isNotNull();
        }
    }
}
