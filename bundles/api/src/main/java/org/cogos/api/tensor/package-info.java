/**
 * Tensor work for modules: the {@link org.cogos.api.tensor.TensorEngine} service, backed by the cogos_tensor
 * kernel module when it is loaded and by a user-space twin built from the same numeric source when it is not.
 */
@Version("0.2.0")
package org.cogos.api.tensor;

import org.osgi.annotation.versioning.Version;
