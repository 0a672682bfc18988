package org.scattering4j.chem.scattering;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scattering4j.util.Json;

class FeatureLayoutTest {
    @Test
    void kymatioQm7LayoutHas300FeaturesWithChannelFastest() {
        FeatureLayout f = new FeatureLayout(List.of("full", "valence", "core"), KymatioQm7Preset.harmonicParams(), 2);
        assertEquals(300, f.size());
        assertEquals(12, f.order0Size());
        assertEquals("o0.full.q=0.5", f.entry(0).name());
        assertEquals("o0.valence.q=0.5", f.entry(1).name());
        assertEquals("o0.full.q=1", f.entry(3).name());
        assertEquals("o1.full.j1=0.l=0.q=0.5", f.entry(12).name());
        assertEquals("o1.core.j1=0.l=0.q=0.5", f.entry(14).name());
        assertEquals("o1.full.j1=0.l=0.q=1", f.entry(15).name());
        assertEquals("o1.full.j1=0.l=1.q=0.5", f.entry(24).name());
        assertEquals("o1.full.j1=1.l=0.q=0.5", f.entry(12 + 48).name());
        // path 3 is the first second-order pair (0, 1)
        assertEquals("o2.full.j1=0.j2=1.l=0.q=0.5", f.entry(12 + 3 * 48).name());
        assertEquals("o2.core.j1=1.j2=2.l=3.q=3", f.entry(299).name());
        assertEquals(299, f.pathIndex(5, 3, 3, 2));
        assertEquals(7, f.order0Index(1, 2));
        FeatureLayout o1 = new FeatureLayout(List.of("full", "valence", "core"), KymatioQm7Preset.harmonicParams(), 1);
        assertEquals(156, o1.size());
        for (int i = 0; i < 156; i++) {
            assertEquals(f.entry(i).name(), o1.entry(i).name());
        }
    }

    @Test
    void descriptionRoundTripsThroughJson() {
        FeatureLayout f = new FeatureLayout(List.of("a", "b"), new HarmonicParams(1, 1, 1, new double[] {1, 2}, 2), 2);
        Map<String, Object> d = Json.asObject(Json.parse(Json.write(f.describe(), true)));
        assertEquals(f.size(), Json.asInt(d.get("n_features")));
        List<Object> feats = Json.asList(d.get("features"));
        Map<String, Object> last = Json.asObject(feats.get(feats.size() - 1));
        assertEquals("o2.b.j1=0.j2=1.l=1.q=2", last.get("name"));
        assertEquals(1, Json.asInt(last.get("j2")));
        assertEquals(2.0, Json.asDouble(last.get("q")), 0);
    }

    @Test
    void realSolidHarmonicsSumToTheAdditionTheoremValue() {
        SolidHarmonics h = new SolidHarmonics(5);
        double[][] pts = {{0.3, -1.2, 0.5}, {0, 0, 1}, {2, 0, 0}, {-0.7, 0.7, -0.1}};
        for (int l = 0; l <= 5; l++) {
            for (double[] p : pts) {
                double s = 0;
                for (int m = -l; m <= l; m++) {
                    double v = h.value(l, m, p[0], p[1], p[2]);
                    s += v * v;
                }
                double r2 = p[0] * p[0] + p[1] * p[1] + p[2] * p[2];
                assertEquals((2 * l + 1) / (4 * Math.PI) * Math.pow(r2, l), s, 1e-12 * Math.pow(r2, l), "l=" + l);
            }
        }
        // a known one: R_10 = sqrt(3 / 4 pi) z, R_11 = sqrt(3 / 4 pi) x
        assertEquals(Math.sqrt(3 / (4 * Math.PI)) * 0.5, h.value(1, 0, 0.3, -1.2, 0.5), 1e-15);
        assertEquals(Math.sqrt(3 / (4 * Math.PI)) * 0.3, h.value(1, 1, 0.3, -1.2, 0.5), 1e-15);
    }
}
