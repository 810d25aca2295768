package dev.turnstile.server.appserver.methods;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnstile.server.appserver.AppServer;
import dev.turnstile.server.appserver.rpc.MessageCodec;
import dev.turnstile.server.appserver.rpc.Params;
import dev.turnstile.server.appserver.rpc.RpcException;
import dev.turnstile.server.appserver.threads.ThreadViews;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code initialize} (spec §4.2): per connection, once. Remembers the client's capabilities (experimental API,
 * notification opt-outs) and answers who the server is.
 */
final class InitializeMethod implements Method {
    private final AppServer server;

    InitializeMethod(AppServer server) {
        this.server = server;
    }

    @Override
    public void handle(Call call) {
        if (call.connection().initialized()) {
            throw RpcException.invalidRequest("Already initialized");
        }
        Params params = call.params();
        ObjectNode clientInfoNode = params.optionalObject("clientInfo");
        if (clientInfoNode == null) {
            throw Params.missing("clientInfo");
        }
        Params clientInfo = Params.of(clientInfoNode);
        String name = clientInfo.requiredString("name");
        String version = clientInfo.requiredString("version");
        if (!validHeaderValue(name)) {
            throw RpcException.invalidRequest("Invalid clientInfo.name: '" + name
                    + "'. Must be a valid HTTP header value.");
        }
        ObjectNode capabilitiesNode = params.optionalObject("capabilities");
        Params capabilities = Params.of(capabilitiesNode);
        boolean experimental = capabilities.flag("experimentalApi");
        List<String> optOut = capabilities.optionalStrings("optOutNotificationMethods");
        call.connection().markInitialized(experimental, optOut == null ? Set.of() : Set.copyOf(optOut));
        ObjectNode result = MessageCodec.NODES.objectNode();
        result.put("userAgent", "turnstile/" + ThreadViews.CLI_VERSION + " (" + System.getProperty("os.name") + "; "
                + System.getProperty("os.arch") + ") (" + name + "; " + version + ")");
        result.put("codexHome", server.settings().codexHome());
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        result.put("platformFamily", os.contains("win") ? "windows" : "unix");
        result.put("platformOs", os.contains("win") ? "windows" : os.contains("mac") ? "macos" : "linux");
        call.respond(result);
    }

    /** RFC 9110 field value: visible ASCII, spaces and tabs, obs-text; no control characters. */
    static boolean validHeaderValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\t') {
                continue;
            }
            if (c < 0x20 || c == 0x7f || c > 0xff) {
                return false;
            }
        }
        return true;
    }
}
