package org.scattering4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MainTest {
    private static String[] run(String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8),
            err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void unknownCommandIsAUsageError() {
        String[] r = run("no-such-command");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("unknown command 'no-such-command'"), r[2]);
    }

    @Test
    void noArgumentsPrintsTheCommandList() {
        String[] r = run();
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("usage: scattering4j COMMAND"), r[2]);
        assertEquals("0", run("--help")[0]);
    }

    @Test
    void argsParsesOptionsFlagsAndRejectsTypos() {
        Args a = Args.parse(new String[] {"--J", "6", "--powers=0.5,1,2", "--fast", "pos"}, Set.of("fast"));
        assertEquals(6, a.integer("J", 1));
        assertArrayEquals(new double[] {0.5, 1, 2}, a.reals("powers", null), 0);
        assertTrue(a.flag("fast"));
        assertFalse(a.flag("slow"));
        assertEquals(8, a.integer("Q", 8));
        assertEquals(java.util.List.of("pos"), a.positional());
        a.checkNoUnknown();

        Args b = Args.parse(new String[] {"--J", "six", "--typo", "1"}, Set.of());
        UsageException e = assertThrows(UsageException.class, () -> b.integer("J", 1));
        assertTrue(e.getMessage().contains("--J") && e.getMessage().contains("six"), e.getMessage());
        UsageException u = assertThrows(UsageException.class, b::checkNoUnknown);
        assertTrue(u.getMessage().contains("--typo"), u.getMessage());
        assertThrows(UsageException.class, () -> Args.parse(new String[] {"--J"}, Set.of()));
        assertThrows(UsageException.class, () -> Args.parse(new String[] {"--J", "1", "--J", "2"}, Set.of()));
        assertThrows(UsageException.class, () -> Args.parse(new String[0], Set.of()).required("in"));
    }
}
