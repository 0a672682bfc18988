package org.scattering4j.chem.scattering;

/**
 * A grid scattering transform of one density, as Kymatio's {@code HarmonicScattering3D(J, shape, L,
 * sigma_0, max_order, method='integral', integral_powers)} computes it: the integrals over voxels, shape
 * (P, L+1, Q) in C order, P = (J+1) first-order paths then the J(J+1)/2 second-order pairs (j1 &lt; j2) when
 * the maximal order is 2. This is where the 3D transform of module {@code scattering} plugs in, e.g.
 * {@code (rho, shape) -> bank(shape).transform(rho)}, with one transform object cached per shape.
 */
@FunctionalInterface
public interface DensityTransform {
    /**
     * @param density C-order grid values (not modified), {@code shape[0]*shape[1]*shape[2]} of them
     * @param shape   the grid shape
     */
    double[] integrals(double[] density, int[] shape);
}
