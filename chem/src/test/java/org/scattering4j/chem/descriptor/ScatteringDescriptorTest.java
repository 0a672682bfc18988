package org.scattering4j.chem.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.vecmath.Point3d;
import org.junit.jupiter.api.Test;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.qsar.DescriptorValue;
import org.openscience.cdk.qsar.result.DoubleArrayResult;
import org.openscience.cdk.silent.SilentChemObjectBuilder;
import org.scattering4j.chem.Molecule;
import org.scattering4j.chem.scattering.AnalyticInvariantEngine;
import org.scattering4j.chem.scattering.InvariantEngine;
import org.scattering4j.chem.scattering.KymatioQm7Preset;

class ScatteringDescriptorTest {
    private static IAtomContainer water() {
        IAtomContainer c = SilentChemObjectBuilder.getInstance().newAtomContainer();
        double[][] p = {{0, 0, 0.1173}, {0, 0.7572, -0.4692}, {0, -0.7572, -0.4692}};
        String[] s = {"O", "H", "H"};
        for (int i = 0; i < 3; i++) {
            IAtom a = c.getBuilder().newInstance(IAtom.class, s[i]);
            a.setPoint3d(new Point3d(p[i]));
            c.addAtom(a);
        }
        return c;
    }

    @Test
    void returnsTheEngineFeaturesWithNames() {
        AnalyticInvariantEngine engine = new AnalyticInvariantEngine(KymatioQm7Preset.adaptiveSpec());
        ScatteringDescriptor d = new ScatteringDescriptor(engine);
        DescriptorValue v = d.calculate(water());
        assertNull(v.getException());
        DoubleArrayResult r = (DoubleArrayResult) v.getValue();
        double[] expected = engine.compute(Molecule.fromAtomContainer(water()));
        assertEquals(156, r.length());
        assertEquals(156, v.getNames().length);
        assertEquals("o0.nuclear_charge.q=0.5", v.getNames()[0]);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], r.get(i), 0);
        }
        assertEquals(10.0, r.get(3), 1e-9); // o0.nuclear_charge.q=1 = sum of Z
        assertEquals(156, d.getDescriptorResultType().length());
        assertEquals("scattering4j", d.getSpecification().getImplementationVendor());
    }

    @Test
    void worksWithTheOrder2FastPreset() {
        InvariantEngine engine = org.scattering4j.chem.energy.Presets.engine("kymatio-qm7-order2-fast");
        DescriptorValue v = new ScatteringDescriptor(engine).calculate(water());
        assertNull(v.getException());
        assertEquals(300, ((DoubleArrayResult) v.getValue()).length());
        assertEquals("o2.nuclear_charge.j1=0.j2=1.l=0.q=0.5", v.getNames()[156]);
    }

    @Test
    void missingCoordinatesGiveNanAndTheException() {
        IAtomContainer c = water();
        c.getAtom(1).setPoint3d(null);
        DescriptorValue v = new ScatteringDescriptor().calculate(c);
        assertNotNull(v.getException());
        assertTrue(v.getException().getMessage().contains("no 3D coordinates"));
        assertTrue(Double.isNaN(((DoubleArrayResult) v.getValue()).get(0)));
    }
}
