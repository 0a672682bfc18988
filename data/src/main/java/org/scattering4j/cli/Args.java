package org.scattering4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parsed {@code --name value} / {@code --flag} options and positional arguments of one subcommand.
 * Every accessor records the option as known; {@link #checkNoUnknown()} then rejects typos.
 */
public final class Args {
    private final Map<String, String> options = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();
    private final Set<String> used = new HashSet<>();

    /**
     * @param argv  the arguments after the subcommand name
     * @param flags names (without {@code --}) of options that take no value
     */
    public static Args parse(String[] argv, Set<String> flags) {
        Args a = new Args();
        for (int i = 0; i < argv.length; i++) {
            String s = argv[i];
            if (s.startsWith("--") && s.length() > 2) {
                String name = s.substring(2);
                String value;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                } else if (flags.contains(name)) {
                    value = "true";
                } else {
                    if (i + 1 >= argv.length) {
                        throw new UsageException("option --" + name + " needs a value");
                    }
                    value = argv[++i];
                }
                if (a.options.put(name, value) != null) {
                    throw new UsageException("option --" + name + " given twice");
                }
            } else {
                a.positional.add(s);
            }
        }
        return a;
    }

    public boolean has(String name) {
        used.add(name);
        return options.containsKey(name);
    }

    public boolean flag(String name) {
        used.add(name);
        String v = options.get(name);
        return v != null && !v.equals("false");
    }

    public String string(String name, String dflt) {
        used.add(name);
        String v = options.get(name);
        return v == null ? dflt : v;
    }

    public String required(String name) {
        used.add(name);
        String v = options.get(name);
        if (v == null) {
            throw new UsageException("missing required option --" + name);
        }
        return v;
    }

    public Path path(String name) {
        return Path.of(required(name));
    }

    public Path path(String name, Path dflt) {
        String v = string(name, null);
        return v == null ? dflt : Path.of(v);
    }

    public int integer(String name, int dflt) {
        String v = string(name, null);
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + " expects an integer, got '" + v + "'");
        }
    }

    public double real(String name, double dflt) {
        String v = string(name, null);
        if (v == null) {
            return dflt;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + " expects a number, got '" + v + "'");
        }
    }

    /** A comma-separated list of numbers, e.g. {@code 0.5,1,2,3}. */
    public double[] reals(String name, double[] dflt) {
        String v = string(name, null);
        if (v == null) {
            return dflt;
        }
        String[] parts = v.split(",");
        double[] r = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                r[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new UsageException("option --" + name + " expects comma-separated numbers, got '" + v + "'");
            }
        }
        return r;
    }

    public List<String> positional() {
        return positional;
    }

    /** Throws a {@link UsageException} naming the first option no accessor asked for. */
    public void checkNoUnknown() {
        for (String k : options.keySet()) {
            if (!used.contains(k)) {
                throw new UsageException("unknown option --" + k);
            }
        }
    }
}
