package org.scattering4j.audioimage.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ClassificationReportTest {
    static ClassificationReport small() {
        Map<String, Double> stages = new LinkedHashMap<>();
        stages.put("featurise", 1.5);
        stages.put("fit", 0.5);
        return new ClassificationReport("demo", List.of("a.wav", "b,c.wav", "d.wav", "e.wav"),
                new int[] {0, 1, 1, 2}, new int[] {0, 1, 2, 2}, List.of("x", "y", "z"), stages, List.of("note"));
    }

    @Test
    void countsAndText() {
        ClassificationReport r = small();
        assertEquals(0.75, r.accuracy(), 0);
        assertEquals(1, r.errors());
        assertArrayEquals(new int[] {0, 1, 1}, r.confusion()[1]);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        r.print(new PrintStream(o, true, StandardCharsets.UTF_8));
        String s = o.toString(StandardCharsets.UTF_8);
        assertTrue(s.contains("test accuracy: 75.00 % (3/4)   test error: 25.00 % (1 errors)"), s);
        assertTrue(s.contains("total                                  2.00 s"), s);
        assertEquals("item,label,predicted\na.wav,x,x\n\"b,c.wav\",y,y\nd.wav,y,z\ne.wav,z,z\n", r.predictionsCsv());
    }

    @Test
    void pngDecodesForFewAndManyClasses() throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(small().confusionPng()));
        assertNotNull(img);
        int k = 112;
        int[] t = new int[2 * k];
        List<String> names = new ArrayList<>();
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 2 * k; i++) {
            t[i] = i % k;
            items.add("p" + i);
        }
        for (int i = 0; i < k; i++) {
            names.add("D" + (i + 1));
        }
        int[] p = t.clone();
        p[0] = 5;
        ClassificationReport big = new ClassificationReport("big", items, t, p, names, Map.of(), List.of());
        BufferedImage b = ImageIO.read(new ByteArrayInputStream(big.confusionPng()));
        assertTrue(b.getWidth() >= 112 * 6);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        big.print(new PrintStream(o, true, StandardCharsets.UTF_8));
        assertTrue(o.toString(StandardCharsets.UTF_8).contains("D1 -> D6: 1"));
    }

    @Test
    void refusesInconsistentInput() {
        assertThrows(IllegalArgumentException.class, () -> new ClassificationReport("x", List.of("a"),
                new int[] {0, 1}, new int[] {0, 1}, List.of("u", "v"), Map.of(), List.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ClassificationReport("x",
                List.of("a"), new int[] {0}, new int[] {2}, List.of("u", "v"), Map.of(), List.of()));
        assertTrue(e.getMessage().contains("0..1"), e.getMessage());
    }
}
