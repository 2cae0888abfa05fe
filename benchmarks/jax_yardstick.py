#!/usr/bin/env python3
"""The yardstick `netframes-bench engine` measures the NetFrames engine against.

The network and data of the engine benchmark, trained by plain SGD in JAX: a
[4, 8, 8, 3] network with sigmoid hidden layers, a softmax output and cross-entropy,
in double precision, learning rate 0.1, one example per step from 64 examples taken
in order and cycled. The whole run is one `jax.jit`-compiled `lax.scan` that keeps
every step's arrays (pre-activations, activations, loss, deltas, gradients and the new
weights and biases), as NetFrames records every step.

Prints `jax.iterations_per_s N`: the best of a few runs, after one run to compile.

    python3 benchmarks/jax_yardstick.py [ITERATIONS] [RUNS]
"""
import sys
import time

import jax

jax.config.update("jax_enable_x64", True)
import jax.numpy as jnp  # noqa: E402  (after the precision is set)
import numpy as np  # noqa: E402

LAYERS = [4, 8, 8, 3]
LEARNING_RATE = 0.1
EXAMPLES = 64


def initial_parameters(rng):
    """Xavier-uniform weights ([to][from], as NetFrames stores them) and zero biases."""
    parameters = []
    for fan_in, fan_out in zip(LAYERS[:-1], LAYERS[1:]):
        limit = np.sqrt(6.0 / (fan_in + fan_out))
        parameters.append((jnp.asarray(rng.uniform(-limit, limit, (fan_out, fan_in))),
                           jnp.zeros(fan_out)))
    return tuple(parameters)


def dataset(rng):
    """64 inputs uniform in (-1, 1); example i belongs to class i mod 3 (one-hot targets)."""
    inputs = rng.uniform(-1, 1, (EXAMPLES, LAYERS[0]))
    targets = np.eye(LAYERS[-1])[np.arange(EXAMPLES) % LAYERS[-1]]
    return jnp.asarray(inputs), jnp.asarray(targets)


def sgd_step(parameters, x, t):
    """One step; returns the new parameters and every array the step computed."""
    # Forward: z_l = W_l a_{l-1} + b_l; sigmoid below the output, softmax at it.
    activations, pre_activations = [x], []
    for l, (w, b) in enumerate(parameters):
        z = w @ activations[-1] + b
        pre_activations.append(z)
        if l < len(parameters) - 1:
            activations.append(jax.nn.sigmoid(z))
        else:
            log_sum_exp = jax.nn.logsumexp(z)
            activations.append(jnp.exp(z - log_sum_exp))
    loss = jnp.sum(t) * log_sum_exp - t @ pre_activations[-1]

    # Backward: delta_L = a_L sum(t) - t; delta_l = (W_{l+1}^T delta_{l+1}) * a_l (1 - a_l).
    delta = activations[-1] * jnp.sum(t) - t
    deltas, weight_gradients = [], []
    for l in reversed(range(len(parameters))):
        deltas.insert(0, delta)
        weight_gradients.insert(0, jnp.outer(delta, activations[l]))
        if l > 0:
            a = activations[l]
            delta = (parameters[l][0].T @ delta) * a * (1 - a)

    new_parameters = tuple((w - LEARNING_RATE * gw, b - LEARNING_RATE * d)
                           for (w, b), gw, d in zip(parameters, weight_gradients, deltas))
    record = dict(pre_activations=pre_activations, activations=activations[1:], loss=loss,
                  deltas=deltas, weight_gradients=weight_gradients, bias_gradients=deltas,
                  new_parameters=new_parameters)
    return new_parameters, record


@jax.jit
def train(parameters, inputs, targets, steps):
    """Runs one step per entry of `steps`, keeping every step's record (stacked by lax.scan)."""
    def body(carry, i):
        example = i % EXAMPLES
        return sgd_step(carry, inputs[example], targets[example])
    return jax.lax.scan(body, parameters, steps)


def main():
    iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    rng = np.random.default_rng(42)
    parameters = initial_parameters(rng)
    inputs, targets = dataset(rng)
    steps = jnp.arange(iterations)
    jax.block_until_ready(train(parameters, inputs, targets, steps))  # compiles
    best = 0.0
    for _ in range(runs):
        start = time.perf_counter()
        final, records = train(parameters, inputs, targets, steps)
        jax.block_until_ready((final, records))
        best = max(best, iterations / (time.perf_counter() - start))
    print(f"jax.iterations_per_s {best:.0f}   (jit + lax.scan, every step's arrays kept, "
          f"{iterations} iterations, best of {runs}; jax {jax.__version__})")


if __name__ == "__main__":
    main()
