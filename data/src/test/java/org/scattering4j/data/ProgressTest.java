package org.scattering4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.scattering4j.util.Parallel;

class ProgressTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void showsCountPercentRateAndTimeLeftFromTheClock() {
        Progress p = Progress.start("feat", 200, out, Progress.Mode.LINES, now::get);
        now.addAndGet(10_000_000_000L); // 10 s
        p.advance(50);
        assertEquals("feat [#####---------------]  50/200  25.0%  5.00/s  left 0:30", p.line());
        p.close();
        String[] lines = text().split("\n");
        assertEquals(2, lines.length);
        assertEquals(p.line().replace("left 0:30", "took 0:10"), lines[1]);
    }

    @Test
    void linesModeThrottlesToOneLinePerTenSeconds() {
        Progress p = Progress.start("x", 1000, out, Progress.Mode.LINES, now::get);
        for (int i = 0; i < 1000; i++) {
            now.addAndGet(50_000_000L); // 50 ms per item, 50 s in all
            p.step();
        }
        p.close();
        long lines = text().chars().filter(c -> c == '\n').count();
        assertTrue(lines >= 5 && lines <= 7, "about one line per 10 s plus the last: " + text());
        assertTrue(text().trim().endsWith("took 0:50"), text());
    }

    @Test
    void terminalModeRedrawsInPlaceAndEndsWithOneNewline() {
        Progress p = Progress.start("t", 0, out, Progress.Mode.TERMINAL, now::get);
        for (int i = 0; i < 5; i++) {
            now.addAndGet(1_000_000_000L);
            p.step();
        }
        p.close();
        p.close();
        String s = text();
        assertEquals(1, s.chars().filter(c -> c == '\n').count());
        assertTrue(s.startsWith("\rt 1 "), s);
        assertTrue(s.contains("\rt 5  1.00/s  took 0:05"), s);
    }

    @Test
    void concurrentStepsAreAllCounted() {
        Progress p = Progress.start("par", 10000, out, Progress.Mode.TERMINAL, System::nanoTime);
        Parallel.forEach(10000, () -> null, (i, w) -> p.step());
        assertEquals(10000, p.done());
        p.close();
        assertTrue(text().contains("10000/10000 100.0%"), text());
    }

    @Test
    void silentPrintsNothingAndClockTimeFormats() {
        Progress s = Progress.silent();
        s.advance(3);
        s.close();
        assertEquals(3, s.done());
        assertEquals("1:01:01", Progress.clockTime(3661));
        assertEquals("0:59", Progress.clockTime(59.4));
    }
}
