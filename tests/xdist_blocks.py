"""Parallel runs (pytest-xdist, ``-n 2``): xdist's ``load`` scheduling, except that the tests
of a *block* run together on one worker, after every other test, and the tests of a module of
``TOGETHER_MODULES`` are never split between workers.

A block is the tests of one module of ``BLOCK_MODULES`` that share the first part of their
parameter id: the browser walk of one theme (tests/browser/test_public_pages.py), whose
module-scoped fixtures (the demo town, and one visit of every page in every colour mode and
width) take minutes. Dealt out test by test, as ``load`` does, each worker that ran one test
of a theme built that theme's walk again, and both workers ended the run walking. As blocks,
each theme's walk is built once, and the two walks end the run side by side, one per worker.
They go last because the demo town is emptied with a flush, which the tests that expect the
session's towns and the data of migrations must not follow (pytest-django runs the
transactional tests last for the same reason).
"""

from collections import defaultdict

BLOCK_MODULES = ("tests/browser/test_public_pages.py",)
#: Modules whose tests share a costly module- or class-scoped fixture (a demo town, an imported
#: ledger): dealt out whole, wherever they come in the run, so no worker builds it twice. Their
#: tests must be of one kind for pytest-django (all using ``db``), which runs database tests,
#: transactional tests and the others in three groups: a module split between them is apart.
TOGETHER_MODULES = (
    "tests/site/core/test_public_urls.py",
    "tests/modules/budget/test_import_kxx.py",
)


def block_key(nodeid):
    """The block a test belongs to, or None: its module and the first part of its parameter id."""
    module, _, name = nodeid.partition("::")
    if module not in BLOCK_MODULES:
        return None
    _, _, params = name.partition("[")
    return module, params.rstrip("]").split("-")[0]


def unit_key(nodeid):
    """The module of a test that goes with the rest of its module, or None."""
    module = nodeid.partition("::")[0]
    return module if module in TOGETHER_MODULES else None


def make_scheduler(config, log):
    from xdist.scheduler import LoadScheduling

    class BlockScheduling(LoadScheduling):
        """``LoadScheduling`` whose pending tests end with the blocks, each sent whole."""

        def _move_blocks_to_the_end(self):
            blocks = defaultdict(list)
            for index in self.pending:
                key = block_key(self.collection[index])
                if key is not None:
                    blocks[key].append(index)
            in_blocks = {index for indices in blocks.values() for index in indices}
            self.pending[:] = [index for index in self.pending if index not in in_blocks] + [
                index for indices in blocks.values() for index in indices
            ]
            self.blocks = {index: key for key, indices in blocks.items() for index in indices}

        def _send_tests(self, node, num):
            if not hasattr(self, "blocks"):  # the first sending: the collection is complete
                self._move_blocks_to_the_end()
            blocks = self.blocks
            if self.pending and self.pending[0] in blocks:
                # a whole block, on its own
                key = blocks[self.pending[0]]
                num = sum(1 for index in self.pending if blocks.get(index) == key)
            else:
                # up to ``num`` tests, never the beginning of a block
                num = next(
                    (
                        position
                        for position, index in enumerate(self.pending[:num])
                        if index in blocks
                    ),
                    num,
                )
                # and the rest of a module that goes together
                unit = unit_key(self.collection[self.pending[num - 1]]) if num else None
                while (
                    unit is not None
                    and num < len(self.pending)
                    and unit_key(self.collection[self.pending[num]]) == unit
                ):
                    num += 1
            super()._send_tests(node, num)

    return BlockScheduling(config, log)
