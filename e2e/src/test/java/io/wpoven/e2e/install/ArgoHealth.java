package io.wpoven.e2e.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;
import org.luaj.vm2.lib.jse.JsePlatform;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Runs an Argo CD resource health script the way Argo CD does: the resource as the global {@code obj} (JSON
 * numbers as Lua numbers, arrays 1-based), the script's returned table read as {status, message}.
 */
final class ArgoHealth {
    record Status(String status, String message) {
    }

    private final String script;
    private final String name;

    ArgoHealth(Path script) throws IOException {
        this.script = Files.readString(script);
        this.name = script.toString();
    }

    Status of(Object resource) {
        LuaValue result = run(script, name, resource);
        if (!result.istable()) {
            throw new AssertionError(name + " returned " + result.typename() + ", not a table");
        }
        return new Status(result.get("status").optjstring(null), result.get("message").optjstring(null));
    }

    /** The time os.date tells the scripts, so an action's output can be compared with a file. */
    static final Instant NOW = Instant.parse("2026-01-06T09:30:00Z");

    /**
     * Runs a resource-customization script (health, action discovery or action) as Argo CD does: the resource as
     * the global {@code obj}; {@code os.date} (also through {@code require("os")}) tells {@link #NOW}.
     */
    static LuaValue run(String script, String name, Object resource) {
        Globals globals = JsePlatform.standardGlobals();
        globals.set("obj", toLua(new ObjectMapper().convertValue(resource, Map.class)));
        globals.get("os").set("date", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                String format = args.optjstring(1, "%c");
                if (!format.startsWith("!")) {
                    throw new LuaError("os.date without '!' depends on the controller's time zone: " + format);
                }
                ZonedDateTime t = NOW.atZone(ZoneOffset.UTC);
                return LuaValue.valueOf(format.substring(1).replace("%Y", "%04d".formatted(t.getYear()))
                        .replace("%m", "%02d".formatted(t.getMonthValue())).replace("%d", "%02d".formatted(t.getDayOfMonth()))
                        .replace("%H", "%02d".formatted(t.getHour())).replace("%M", "%02d".formatted(t.getMinute()))
                        .replace("%S", "%02d".formatted(t.getSecond())).replace("%X", "%02d:%02d:%02d".formatted(
                                t.getHour(), t.getMinute(), t.getSecond())));
            }
        });
        return globals.load(script, name).call();
    }

    /** Runs a script file and gives its result as Java values (tables with keys 1..n as lists, others as maps). */
    static Object runToJava(Path script, Object resource) throws IOException {
        return toJava(run(Files.readString(script), script.toString(), resource));
    }

    static Object toJava(LuaValue value) {
        if (value.isnil()) {
            return null;
        }
        if (value.istable()) {
            LuaTable t = (LuaTable) value;
            int n = t.length();
            int keys = 0;
            for (LuaValue k = t.next(LuaValue.NIL).arg1(); !k.isnil(); k = t.next(k).arg1()) {
                keys++;
            }
            if (n > 0 && n == keys) {
                List<Object> list = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    list.add(toJava(t.get(i)));
                }
                return list;
            }
            Map<String, Object> map = new TreeMap<>();
            for (Varargs e = t.next(LuaValue.NIL); !e.arg1().isnil(); e = t.next(e.arg1())) {
                map.put(e.arg1().tojstring(), toJava(e.arg(2)));
            }
            return map;
        }
        if (value.isboolean()) {
            return value.toboolean();
        }
        if (value.isnumber()) {
            double d = value.todouble();
            return d == Math.rint(d) ? (Object) (long) d : (Object) d;
        }
        return value.tojstring();
    }

    private static LuaValue toLua(Object value) {
        if (value == null) {
            return LuaValue.NIL;
        }
        if (value instanceof Map<?, ?> map) {
            LuaTable t = new LuaTable();
            map.forEach((k, v) -> {
                if (v != null) {
                    t.set(String.valueOf(k), toLua(v));
                }
            });
            return t;
        }
        if (value instanceof List<?> list) {
            LuaTable t = new LuaTable();
            for (int i = 0; i < list.size(); i++) {
                t.set(i + 1, toLua(list.get(i)));
            }
            return t;
        }
        if (value instanceof Number n) {
            return LuaValue.valueOf(n.doubleValue());
        }
        if (value instanceof Boolean b) {
            return LuaValue.valueOf(b);
        }
        return LuaValue.valueOf(String.valueOf(value));
    }
}
