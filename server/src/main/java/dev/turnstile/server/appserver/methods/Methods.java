package dev.turnstile.server.appserver.methods;

import dev.turnstile.server.appserver.AppServer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The method table of the app-server: each JSON-RPC method name and the group that handles it. */
public final class Methods {
    private Methods() {
    }

    public static Map<String, Method> all(AppServer server) {
        ThreadLifecycleMethods lifecycle = new ThreadLifecycleMethods(server);
        ThreadQueryMethods query = new ThreadQueryMethods(server);
        HistoryMethods history = new HistoryMethods(server);
        TurnMethods turns = new TurnMethods(server);
        TaskMethods tasks = new TaskMethods(server);
        Map<String, Method> methods = new LinkedHashMap<>();
        methods.put("initialize", new InitializeMethod(server));
        methods.put("thread/start", lifecycle::start);
        methods.put("thread/resume", lifecycle::resume);
        methods.put("thread/fork", lifecycle::fork);
        methods.put("thread/rollback", history::rollback);
        methods.put("thread/revert", history::revert);
        methods.put("thread/read", query::read);
        methods.put("thread/list", query::list);
        methods.put("thread/loaded/list", query::loadedList);
        methods.put("thread/turns/list", query::turnsList);
        methods.put("thread/archive", lifecycle::archive);
        methods.put("thread/unarchive", lifecycle::unarchive);
        methods.put("thread/unsubscribe", lifecycle::unsubscribe);
        methods.put("thread/name/set", lifecycle::setName);
        methods.put("thread/compact/start", tasks::compact);
        methods.put("thread/shellCommand", tasks::shellCommand);
        methods.put("turn/start", turns::start);
        methods.put("turn/steer", turns::steer);
        methods.put("turn/interrupt", turns::interrupt);
        methods.put("review/start", tasks::review);
        return Map.copyOf(methods);
    }

    /** The names as serde lists them in "expected one of ...". */
    public static String names(Map<String, Method> methods) {
        return methods.keySet().stream().sorted().map(name -> "`" + name + "`").collect(Collectors.joining(", "));
    }
}
