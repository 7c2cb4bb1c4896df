package io.wpoven.e2e.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
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
        Globals globals = JsePlatform.standardGlobals();
        globals.set("obj", toLua(new ObjectMapper().convertValue(resource, Map.class)));
        LuaValue result = globals.load(script, name).call();
        if (!result.istable()) {
            throw new AssertionError(name + " returned " + result.typename() + ", not a table");
        }
        return new Status(result.get("status").optjstring(null), result.get("message").optjstring(null));
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
