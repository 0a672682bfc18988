package org.scattering4j.chem.descriptor;

import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.qsar.AbstractMolecularDescriptor;
import org.openscience.cdk.qsar.DescriptorSpecification;
import org.openscience.cdk.qsar.DescriptorValue;
import org.openscience.cdk.qsar.IMolecularDescriptor;
import org.openscience.cdk.qsar.result.DoubleArrayResult;
import org.openscience.cdk.qsar.result.DoubleArrayResultType;
import org.openscience.cdk.qsar.result.IDescriptorResult;
import org.scattering4j.chem.Molecule;
import org.scattering4j.chem.scattering.AnalyticInvariantEngine;
import org.scattering4j.chem.scattering.InvariantEngine;
import org.scattering4j.chem.scattering.KymatioQm7Preset;

/**
 * Solid-harmonic wavelet scattering invariants as a CDK molecular descriptor, so CDK users get them through
 * the usual {@code calculate(IAtomContainer)}. The molecule needs 3D coordinates with explicit hydrogens;
 * otherwise the returned {@link DescriptorValue} carries the exception and NaN values (CDK's convention).
 * The names are the {@link org.scattering4j.chem.scattering.FeatureLayout} names, e.g.
 * {@code o1.valence.j1=0.l=2.q=1}.
 *
 * <pre>{@code
 * IMolecularDescriptor d = new ScatteringDescriptor();          // Kymatio QM7 settings, orders 0-1
 * DescriptorValue v = d.calculate(containerWith3d);
 * DoubleArrayResult r = (DoubleArrayResult) v.getValue();
 * }</pre>
 *
 * <p>No parameters are settable through {@link #setParameters}: the engine (and with it every setting) is
 * fixed at construction, because a descriptor whose settings change silently would mix features.
 */
public class ScatteringDescriptor extends AbstractMolecularDescriptor implements IMolecularDescriptor {
    private final InvariantEngine engine;
    private final String[] names;

    /** Kymatio's QM7 settings on a molecule-sized grid, orders 0 and 1 in closed form. */
    public ScatteringDescriptor() {
        this(new AnalyticInvariantEngine(KymatioQm7Preset.adaptiveSpec()));
    }

    /** Any engine (e.g. one with the grid 3D transform for order 2). */
    public ScatteringDescriptor(InvariantEngine engine) {
        this.engine = engine;
        this.names = engine.layout().names().toArray(new String[0]);
    }

    @Override
    public DescriptorSpecification getSpecification() {
        return new DescriptorSpecification("https://github.com/kymatio/kymatio (solid harmonic scattering; "
                + "Eickenberg et al., J. Chem. Phys. 148, 241732, 2018)", getClass().getName(), engine.id(),
                "scattering4j");
    }

    @Override
    public String[] getParameterNames() {
        return new String[0];
    }

    @Override
    public Object getParameterType(String name) {
        return null;
    }

    @Override
    public void setParameters(Object[] params) throws CDKException {
        if (params != null && params.length > 0) {
            throw new CDKException("ScatteringDescriptor takes no parameters; build it with the engine you need");
        }
    }

    @Override
    public Object[] getParameters() {
        return new Object[0];
    }

    @Override
    public String[] getDescriptorNames() {
        return names.clone();
    }

    @Override
    public DescriptorValue calculate(IAtomContainer container) {
        DoubleArrayResult r = new DoubleArrayResult(names.length);
        try {
            double[] x = engine.compute(Molecule.fromAtomContainer(container));
            for (double v : x) {
                r.add(v);
            }
            return new DescriptorValue(getSpecification(), getParameterNames(), getParameters(), r, getDescriptorNames());
        } catch (RuntimeException e) {
            DoubleArrayResult nan = new DoubleArrayResult(names.length);
            for (int i = 0; i < names.length; i++) {
                nan.add(Double.NaN);
            }
            return new DescriptorValue(getSpecification(), getParameterNames(), getParameters(), nan,
                    getDescriptorNames(), e);
        }
    }

    @Override
    public IDescriptorResult getDescriptorResultType() {
        return new DoubleArrayResultType(names.length);
    }

    /** The engine. */
    public InvariantEngine engine() {
        return engine;
    }
}
