package org.scattering4j.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LbfgsTest {
    private static double rosenbrock(double[] x, double[] g) {
        double f = 0;
        java.util.Arrays.fill(g, 0);
        for (int i = 0; i + 1 < x.length; i++) {
            double a = 1 - x[i];
            double b = x[i + 1] - x[i] * x[i];
            f += a * a + 100 * b * b;
            g[i] += -2 * a - 400 * x[i] * b;
            g[i + 1] += 200 * b;
        }
        return f;
    }

    @Test
    void rosenbrockTo1e8() {
        Lbfgs.Result r = Lbfgs.minimize(LbfgsTest::rosenbrock, new double[] {-1.2, 1},
                Lbfgs.Options.defaults().gradientTolerance(1e-10));
        assertTrue(r.converged(), r.toString());
        assertEquals(1, r.x()[0], 1e-8);
        assertEquals(1, r.x()[1], 1e-8);
        assertTrue(r.value() < 1e-16, r.toString());
        assertTrue(r.iterations() < 100, r.toString());
    }

    @Test
    void rosenbrockInTenDimensions() {
        double[] x0 = new double[10];
        for (int i = 0; i < 10; i++) {
            x0[i] = i % 2 == 0 ? -1.2 : 1;
        }
        Lbfgs.Result r = Lbfgs.minimize(LbfgsTest::rosenbrock, x0, Lbfgs.Options.defaults().gradientTolerance(1e-10));
        for (double v : r.x()) {
            assertEquals(1, v, 1e-8);
        }
        assertEquals(-1.2, x0[0], 0); // start not modified
    }

    @Test
    void illConditionedQuadratic() {
        int n = 50;
        Lbfgs.Result r = Lbfgs.minimize((x, g) -> {
            double f = 0;
            for (int i = 0; i < n; i++) {
                double c = Math.pow(10, 4.0 * i / (n - 1));
                double d = x[i] - i;
                f += 0.5 * c * d * d;
                g[i] = c * d;
            }
            return f;
        }, new double[n], Lbfgs.Options.defaults().gradientTolerance(1e-9).maxIterations(2000));
        assertTrue(r.converged(), r.toString());
        for (int i = 0; i < n; i++) {
            assertEquals(i, r.x()[i], 1e-8);
        }
    }

    @Test
    void listenerSeesEveryIterationAndCanStop() {
        List<Double> values = new ArrayList<>();
        Lbfgs.Result r = Lbfgs.minimize(LbfgsTest::rosenbrock, new double[] {-1.2, 1},
                Lbfgs.Options.defaults().listener((it, x, f, g) -> {
                    values.add(f);
                    return it < 5;
                }));
        assertEquals(5, r.iterations());
        assertEquals(5, values.size());
        assertFalse(r.converged());
        for (int i = 1; i < values.size(); i++) {
            assertTrue(values.get(i) <= values.get(i - 1));
        }
    }

    @Test
    void badInput() {
        assertThrows(IllegalArgumentException.class,
                () -> Lbfgs.minimize(LbfgsTest::rosenbrock, new double[] {Double.NaN, 1}, Lbfgs.Options.defaults()));
        assertThrows(IllegalArgumentException.class,
                () -> Lbfgs.minimize(LbfgsTest::rosenbrock, new double[0], Lbfgs.Options.defaults()));
        assertThrows(IllegalArgumentException.class, () -> Lbfgs.Options.defaults().memory(0));
    }
}
