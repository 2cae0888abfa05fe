#!/usr/bin/env python3
"""Cross-check a NetFrames trace against optax, an independent optimizer library.

Usage:
    python3 scripts/optax-crosscheck.py TRACE.jsonl [--tolerance 1e-12] [--no-gradient-check]

TRACE.jsonl is written by `netframes record RUN_FILE --out TRACE.jsonl` with every
step recorded (no `--every`, no `sampling.every` above 1).  The script

  1. reads the run's settings and initial parameters from the trace header;
  2. builds the matching optax transformation (float64 throughout);
  3. for each `update` line, feeds the line's batch-mean gradients (`weightGradients`,
     `biasGradients`, taken before weight decay) to optax, applies optax's update to
     optax's own copy of the parameters, and compares the result with the line's
     `weights` / `biases`, and optax's optimizer state with the line's
     `optimizer.state` (momentum velocity, RMSprop mean square, Adam m and v);
  4. unless --no-gradient-check: recomputes each step's batch-mean loss and gradient
     with jax.grad at the step's starting parameters (from the trace) on the examples the
     trace says it used, and checks that, without shuffling, step s used examples
     (s*B + k) mod n.

It prints the largest absolute differences and exits 1 if any exceeds --tolerance,
naming the step and the parameter; exit 2 means the trace could not be replayed.

The optax mapping (read from optax 0.2.x's source, optax/_src/alias.py and transform.py):

  sgd          optax.sgd(lr)                     p <- p - lr*g
  momentum     optax.sgd(lr, momentum=mu, nesterov=...)
               optax.trace: v <- g + mu*v; update = g + mu*v (nesterov) or v
  rmsprop      optax.rmsprop(lr, decay=alpha, eps=eps, eps_in_sqrt=False)
               eps_in_sqrt=False gives g / (sqrt(s) + eps), torch's placement
               (optax's default, True, would be g / sqrt(s + eps))
  adam         optax.adam(lr, b1, b2, eps)       eps outside the sqrt, eps_root = 0
  adam, decoupled
               optax.adamw(lr, b1, b2, eps, weight_decay=lambda): the decay term
               lambda*p is added to the Adam direction before scaling by -lr, so
               p <- p - lr*lambda*p - lr*adam, i.e. torch's p*(1 - lr*lambda) - lr*adam
  coupled L2 decay (every kind but decoupled adam)
               optax.chain(optax.add_decayed_weights(lambda), <optimizer>): g <- g + lambda*p
               before the optimizer sees it, so the state accumulates the decayed gradient

Weights and biases get separate learning rates through optax.multi_transform; with
trainBiases false the biases are labelled with optax.set_to_zero(), so they never move.
"""

import argparse
import json
import sys

import numpy as np

import jax

jax.config.update("jax_enable_x64", True)  # NetFrames computes in 64-bit floats
import jax.numpy as jnp  # noqa: E402
import optax  # noqa: E402


class TraceError(Exception):
    """The trace cannot be replayed (malformed, or not every step recorded)."""


# --------------------------------------------------------------------------------------
# Reading the trace


def read_trace(path):
    """Return (header, snapshot lines) of a JSON Lines trace."""
    with open(path, encoding="utf-8") as f:
        lines = [json.loads(line) for line in f if line.strip()]
    if not lines or lines[0].get("format") != "netframes-trace":
        raise TraceError(f"{path}: not a NetFrames trace (no header line)")
    return lines[0], lines[1:]


def required(mapping, key, where):
    """mapping[key], or a TraceError naming what is missing."""
    if key not in mapping:
        raise TraceError(f"trace header: {where}.{key} is missing")
    return mapping[key]


def read_settings(header):
    """The training settings the replay needs, from the header's run file.

    Version 1 traces have no optimizer, batch size or weight decay: they are plain
    single-example SGD, which is what the defaults below describe.
    """
    training = required(header["run"], "training", "run")
    optimizer = training.get("optimizer", {"kind": "sgd"})
    if isinstance(optimizer, str):  # a bare name in a hand-written header
        optimizer = {"kind": optimizer}
    lr = float(required(training, "learningRate", "training"))
    return {
        "optimizer": optimizer,
        "kind": optimizer["kind"],
        "learningRate": lr,
        "biasLearningRate": float(training.get("biasLearningRate", lr)),
        "trainBiases": bool(training.get("trainBiases", True)),
        "weightDecay": float(training.get("weightDecay", 0.0)),
        "batchSize": int(training.get("batchSize", 1)),
        "shuffle": bool(training.get("shuffle", False)),
        "loss": training.get("loss"),
    }


# --------------------------------------------------------------------------------------
# Building the optax transformation


def optimizer_for(settings, lr):
    """One optax transformation for one parameter group with step size lr.

    Also returns how the trace's state names map to optax state fields.
    """
    opt = settings["optimizer"]
    kind = settings["kind"]
    wd = settings["weightDecay"]
    where = "training.optimizer"
    if kind == "sgd":
        tx, names = optax.sgd(lr), {}
    elif kind == "momentum":
        tx = optax.sgd(
            lr,
            momentum=float(required(opt, "momentum", where)),
            nesterov=bool(opt.get("nesterov", False)),
        )
        names = {"velocity": "trace"}  # optax.trace's TraceState.trace
    elif kind == "rmsprop":
        tx = optax.rmsprop(
            lr,
            decay=float(required(opt, "alpha", where)),
            eps=float(required(opt, "epsilon", where)),
            eps_in_sqrt=False,  # g / (sqrt(s) + eps), as torch.optim.RMSprop
            initial_scale=0.0,  # s starts at 0
            centered=False,
        )
        names = {"meanSquare": "nu"}  # ScaleByRmsState.nu
    elif kind == "adam":
        b1 = float(required(opt, "beta1", where))
        b2 = float(required(opt, "beta2", where))
        eps = float(required(opt, "epsilon", where))
        names = {"m": "mu", "v": "nu"}  # ScaleByAdamState.mu / .nu
        if opt.get("decoupled", False):
            # AdamW: decay multiplied by the learning rate, outside the moments.
            return optax.adamw(lr, b1=b1, b2=b2, eps=eps, eps_root=0.0, weight_decay=wd), names
        tx = optax.adam(lr, b1=b1, b2=b2, eps=eps, eps_root=0.0)
    else:
        raise TraceError(f"optimizer kind {kind!r} is not known to this script")
    if wd != 0.0:
        # Coupled L2 decay: the optimizer sees g + wd * p.
        tx = optax.chain(optax.add_decayed_weights(wd), tx)
    return tx, names


def build_transform(settings):
    """multi_transform over {'weights': [...], 'biases': [...]} and the state-name map."""
    weights_tx, names = optimizer_for(settings, settings["learningRate"])
    if settings["trainBiases"]:
        biases_tx, _ = optimizer_for(settings, settings["biasLearningRate"])
    else:
        biases_tx = optax.set_to_zero()  # frozen biases: zero update, no state
    tx = optax.multi_transform(
        {"w": weights_tx, "b": biases_tx}, {"weights": "w", "biases": "b"}
    )
    return tx, names


def optax_state(opt_state, group, field):
    """The array list of optax state `field` for parameter group 'weights' or 'biases'.

    Returns None when optax has no such state (e.g. frozen biases).
    """
    label = "w" if group == "weights" else "b"
    inner = opt_state.inner_states[label]
    found = optax.tree.get(inner, field, default=None)
    if found is None:
        return None
    return found[group]


def optax_count(opt_state):
    """Adam's step counter in optax's state (None for optimizers without one)."""
    return optax.tree.get(opt_state.inner_states["w"], "count", default=None)


# --------------------------------------------------------------------------------------
# An independent forward pass for the gradient check


ACTIVATIONS = {
    "sigmoid": jax.nn.sigmoid,
    "tanh": jnp.tanh,
    "relu": jax.nn.relu,
    "linear": lambda z: z,
}


def example_loss(params, x, t, hidden, output, loss):
    """The loss of one example, as docs/run-file.md defines it."""
    a = x
    n = len(params["weights"])
    for l in range(n):
        z = params["weights"][l] @ a + params["biases"][l]
        if l < n - 1:
            a = ACTIVATIONS[hidden](z)
    # z is now the output layer's pre-activation
    if loss == "mse":
        if output == "softmax":
            out = jax.nn.softmax(z)
        else:
            out = ACTIVATIONS[output](z)
        return 0.5 * jnp.sum((out - t) ** 2)
    if loss == "crossEntropy":
        if output == "softmax":
            return -jnp.sum(t * jax.nn.log_softmax(z))
        if output == "sigmoid":
            # -[t log s(z) + (1 - t) log(1 - s(z))] written stably with softplus
            return jnp.sum(t * jax.nn.softplus(-z) + (1 - t) * jax.nn.softplus(z))
    raise TraceError(f"loss {loss!r} with output {output!r} is not known to this script")


def batch_loss_and_grad(params, xs, ts, hidden, output, loss):
    """Mean loss over the batch and its gradient, by jax.grad."""

    def mean_loss(p):
        losses = [example_loss(p, x, t, hidden, output, loss) for x, t in zip(xs, ts)]
        return sum(losses) / len(losses)

    return jax.value_and_grad(mean_loss)(params)


# --------------------------------------------------------------------------------------
# Comparing


class MaxDiff:
    """The largest absolute difference seen so far, and where."""

    def __init__(self, what):
        self.what = what
        self.value = 0.0
        self.where = "nothing compared"
        self.count = 0

    def add(self, ours, theirs, where):
        """Compare two nested lists/arrays; `where(index)` names an element."""
        a = np.asarray(ours, dtype=np.float64)
        b = np.asarray(theirs, dtype=np.float64)
        if a.shape != b.shape:
            raise TraceError(f"{where(())}: shape {b.shape} in the trace, {a.shape} expected")
        self.count += a.size
        if a.size == 0:
            return
        with np.errstate(invalid="ignore"):
            d = np.abs(a - b)
        # Non-finite values agree only when equal (the same infinity) or both NaN.
        same = (a == b) | (np.isnan(a) & np.isnan(b))
        d = np.where(same, 0.0, np.where(np.isnan(d), np.inf, d))
        i = np.unravel_index(int(np.argmax(d)), d.shape)
        if d[i] > self.value or self.where == "nothing compared":
            self.value = float(d[i])
            self.where = f"{where(i)}: reference {float(a[i])!r}, trace {float(b[i])!r}"

    def report(self, tolerance):
        ok = self.value <= tolerance
        print(f"{self.what}: max |difference| {self.value:.3e} over {self.count} values"
              f" ({'ok' if ok else 'EXCEEDS tolerance'}; largest at {self.where})")
        return ok


def index_name(group, layer):
    """Namer for element `index` of layer `layer` of `group`, in the trace's notation."""
    return lambda i: f"{group}[{layer}]" + "".join(f"[{k}]" for k in i)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("trace", help="a NetFrames trace (JSON Lines) with every step recorded")
    parser.add_argument("--tolerance", type=float, default=1e-12,
                        help="largest accepted absolute difference (default 1e-12)")
    parser.add_argument("--no-gradient-check", action="store_true",
                        help="skip recomputing the batch gradients with jax.grad")
    args = parser.parse_args()

    header, snapshots = read_trace(args.trace)
    run = header["run"]
    settings = read_settings(header)
    net = run["network"]
    data = run["data"]
    if not isinstance(data, list):
        raise TraceError("trace header: run.data is not inline")

    # Starting point: the header's initial parameters.
    params = {
        "weights": [jnp.asarray(w, dtype=jnp.float64) for w in net["weights"]],
        "biases": [jnp.asarray(b, dtype=jnp.float64) for b in net["biases"]],
    }
    tx, state_names = build_transform(settings)
    opt_state = tx.init(params)

    # The gradient check evaluates each step at the trace's starting parameters.
    trace_params = {"weights": net["weights"], "biases": net["biases"]}

    param_diff = MaxDiff("parameters (optax vs trace)")
    state_diff = MaxDiff("optimizer state (optax vs trace)")
    grad_diff = MaxDiff("batch-mean gradients (jax.grad vs trace)")
    loss_diff = MaxDiff("batch-mean loss (jax vs trace)")
    problems = []  # exact mismatches (step counters, example order)

    updates = [s for s in snapshots if s.get("phase") == "update"]
    if not updates:
        raise TraceError("the trace has no update lines")
    iterations = [u["iteration"] for u in updates]
    if iterations != list(range(len(updates))):
        raise TraceError("not every step is recorded (record without --every / sampling.every)")

    # Per-example lines of each step, to learn which examples the batch used.
    examples_of = {}
    for s in snapshots:
        if s.get("phase") == "forward" and s.get("layer") == 1:
            examples_of.setdefault(s["iteration"], []).append(s["example"])

    n, batch = len(data), settings["batchSize"]
    step_fn = jax.jit(tx.update)
    for u in updates:
        it = u["iteration"]
        step = it + 1  # the optimizer's 1-based step
        at = f"iteration {it} (step {step})"
        grads = {
            "weights": [jnp.asarray(g, dtype=jnp.float64) for g in u["weightGradients"]],
            "biases": [jnp.asarray(g, dtype=jnp.float64) for g in u["biasGradients"]],
        }

        # --- the optimizer step in optax
        delta, opt_state = step_fn(grads, opt_state, params)
        params = optax.apply_updates(params, delta)

        for group in ("weights", "biases"):
            for l, (ours, theirs) in enumerate(zip(params[group], u[group])):
                param_diff.add(ours, theirs, lambda i, g=group, l=l: f"{at}, " + index_name(g, l)(i))

        # --- optimizer state, where the trace has it
        recorded = u.get("optimizer")
        if recorded is not None:
            if recorded.get("kind") != settings["kind"]:
                problems.append(f"{at}: optimizer kind {recorded.get('kind')!r} in the line,"
                                f" {settings['kind']!r} in the header")
            if recorded.get("step") != step:
                problems.append(f"{at}: optimizer step {recorded.get('step')} recorded, {step} expected")
            count = optax_count(opt_state)
            if count is not None and int(count) != recorded.get("step"):
                problems.append(f"{at}: optax count {int(count)}, trace step {recorded.get('step')}")
            trace_state = recorded.get("state", {})
            if set(trace_state) != set(state_names):
                problems.append(f"{at}: state {sorted(trace_state)} recorded,"
                                f" {sorted(state_names)} expected")
            for name, field in state_names.items():
                if name not in trace_state:
                    continue
                for group in ("weights", "biases"):
                    ours = optax_state(opt_state, group, field)
                    theirs = trace_state[name].get(group)
                    if ours is None:
                        # Frozen biases: optax keeps no state, so the trace's must stay 0.
                        if theirs is not None:
                            ours = [np.zeros_like(np.asarray(t, dtype=np.float64)) for t in theirs]
                        else:
                            continue
                    for l, (o, t) in enumerate(zip(ours, theirs)):
                        state_diff.add(o, t, lambda i, g=group, l=l, nm=name:
                                       f"{at}, state {nm} " + index_name(g, l)(i))

        # --- the batch: which examples, and the mean gradient and loss by jax.grad
        used = examples_of.get(it, [])
        if not settings["shuffle"]:
            expected = [(it * batch + k) % n for k in range(batch)]
            if used != expected:
                problems.append(f"{at}: examples {used} used, {expected} expected")
        elif len(used) != batch:
            problems.append(f"{at}: {len(used)} examples used, batch size {batch}")
        if not args.no_gradient_check and used:
            xs = [jnp.asarray(data[k]["input"], dtype=jnp.float64) for k in used]
            ts = [jnp.asarray(data[k]["target"], dtype=jnp.float64) for k in used]
            p0 = {g: [jnp.asarray(a, dtype=jnp.float64) for a in trace_params[g]]
                  for g in ("weights", "biases")}
            loss, g = batch_loss_and_grad(p0, xs, ts, net["hidden"], net["output"],
                                          settings["loss"])
            loss_diff.add(loss, u["loss"], lambda i: f"{at}, loss")
            for group, key in (("weights", "weightGradients"), ("biases", "biasGradients")):
                for l, (o, t) in enumerate(zip(g[group], u[key])):
                    grad_diff.add(o, t, lambda i, k=key, l=l: f"{at}, " + index_name(k, l)(i))
        # The next step starts from this line's parameters.
        trace_params = {"weights": u["weights"], "biases": u["biases"]}

    # With shuffling, the example stream (all batches end to end) must visit every
    # example once per pass of n: batches take positions s*B + k of that stream, so a
    # batch may straddle two passes and then repeat an example.
    if settings["shuffle"]:
        stream = [k for it in range(len(updates)) for k in examples_of.get(it, [])]
        for start in range(0, len(stream) - n + 1, n):
            if sorted(stream[start:start + n]) != list(range(n)):
                problems.append(f"shuffled pass {start // n}: examples {stream[start:start + n]}"
                                f" are not a permutation of 0..{n - 1}")

    # --- report
    print(f"{args.trace}: {len(updates)} steps, optimizer {json.dumps(settings['optimizer'])},"
          f" learningRate {settings['learningRate']}, biasLearningRate"
          f" {settings['biasLearningRate']}, weightDecay {settings['weightDecay']},"
          f" batchSize {batch}, trainBiases {settings['trainBiases']}; optax {optax.__version__}")
    ok = param_diff.report(args.tolerance)
    ok = state_diff.report(args.tolerance) and ok
    if not args.no_gradient_check:
        ok = grad_diff.report(args.tolerance) and ok
        ok = loss_diff.report(args.tolerance) and ok
    for p in problems[:20]:
        print(f"mismatch: {p}")
    if len(problems) > 20:
        print(f"... and {len(problems) - 20} more mismatches")
    overall = max(param_diff.value, state_diff.value)
    print(f"largest difference (parameters and state): {overall:.3e}"
          f" (tolerance {args.tolerance:g})")
    if not ok or problems:
        print("FAILED", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except TraceError as e:
        print(f"error: {e}", file=sys.stderr)
        sys.exit(2)
