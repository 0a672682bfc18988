package org.scattering4j.chem.scattering;

import org.scattering4j.chem.Molecule;
import org.scattering4j.chem.io.MoleculeIterator;
import org.scattering4j.chem.io.MoleculeReaders;
import org.scattering4j.testing.SharedData;

public class O2Time {
    public static void main(String[] args) throws Exception {
        Molecule mol = null;
        try (MoleculeIterator it = MoleculeReaders.open(SharedData.data("qm7").resolve("qm7.xyz"))) {
            for (int i = 0; i <= Integer.parseInt(args[0]); i++) {
                mol = it.next();
            }
        }
        InvariantEngine e = new AnalyticOrder2Engine(KymatioQm7Preset.order2FastSpec());
        for (int it = 0; it < Integer.parseInt(args[1]); it++) {
            long t0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            e.compute(mol);
            System.err.println("engine cpu " + (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - t0) / 1e6 + " wall " + (System.nanoTime() - w0) / 1e6);
        }
        double[][] pos = e.spec().density().gridPositions(mol);
        double[][] w = e.spec().density().allWeights(mol);
        long t0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        Order0.onGrid(pos, w, 2.0, KymatioQm7Preset.GRID, new double[] {0.5, 1, 2, 3});
        System.err.println("order0 cpu " + (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - t0) / 1e6);
    }
}
