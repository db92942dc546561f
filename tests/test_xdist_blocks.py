"""The parallel runs' scheduler (tests/xdist_blocks.py): each block whole on one worker, last."""

from tests.xdist_blocks import block_key, make_scheduler

WALK = "tests/browser/test_public_pages.py"


class Config:
    def getvalue(self, name):
        return {"tx": ["2*popen"], "dist": "load"}[name]

    def getoption(self, name):
        return None  # maxschedchunk


class Node:
    def __init__(self, name):
        self.gateway = type("Gateway", (), {"id": name})()
        self.received = []
        self.shutting_down = False

    def send_runtest_some(self, indices):
        self.received.extend(indices)

    def shutdown(self):
        self.shutting_down = True


def test_block_key_is_the_module_and_the_first_parameter():
    assert block_key(f"{WALK}::test_walk[default]") == (WALK, "default")
    assert block_key(f"{WALK}::test_menu[namesti-375]") == (WALK, "namesti")
    assert block_key("tests/site/test_x.py::test_y[default]") is None


def run(collection):
    """Deal ``collection`` to two workers that each finish one test at a time, in turn."""
    scheduler = make_scheduler(Config(), None)
    nodes = [Node("gw0"), Node("gw1")]
    for node in nodes:
        scheduler.add_node(node)
    for node in nodes:
        scheduler.add_node_collection(node, collection)
    scheduler.schedule()
    done = dict.fromkeys(nodes, 0)
    while any(done[node] < len(node.received) for node in nodes):
        for node in nodes:
            if done[node] < len(node.received):
                scheduler.mark_test_complete(node, node.received[done[node]])
                done[node] += 1
    return [[collection[index] for index in node.received] for node in nodes]


def test_each_block_runs_whole_on_one_worker_after_the_other_tests():
    others = [f"tests/site/test_{number}.py::test_it" for number in range(40)]
    default = [f"{WALK}::test_{name}[default]" for name in ("walk", "menu", "search")]
    namesti = [f"{WALK}::test_{name}[namesti]" for name in ("walk", "menu", "search")]
    collection = others[:30] + default + namesti + others[30:]

    first, second = run(collection)

    assert sorted(first + second) == sorted(collection)  # each test once
    for worker in (first, second):
        walked = [nodeid for nodeid in worker if nodeid.startswith(WALK)]
        assert walked in ([], default, namesti)  # a whole block, in order, or none
        if walked:
            assert worker[-len(walked) :] == walked  # after everything else
    assert {tuple(w for w in worker if w.startswith(WALK)) for worker in (first, second)} == {
        tuple(default),
        tuple(namesti),
    }


def test_a_module_that_goes_together_is_never_split():
    together = [f"tests/site/core/test_public_urls.py::test_{n}" for n in range(4)]
    others = [f"tests/site/test_{number}.py::test_it" for number in range(60)]
    # where a chunk of the first deal would end in the middle of the module
    for position in range(0, 61, 3):
        collection = others[:position] + together + others[position:]
        first, second = run(collection)
        assert sorted(first + second) == sorted(collection)
        assert set(together) <= set(first) or set(together) <= set(second), position
