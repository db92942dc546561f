"""``manage.py qr_render_time``: how long one QR Platba code takes to render, SVG and PNG.

A benchmark, not a test: it renders a payment with every field filled to its longest (the
largest code an order produces) many times, encoded anew each time and then from the cache
of encoded codes, and reports per format the median, the 95th percentile and the slowest
wall-clock time and the median CPU time. Exits with an error when a median CPU time breaks
the goal (20 ms): CPU time is what one render costs, whatever else the machine is doing
meanwhile. See docs/performance.md.
"""

import datetime
import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from radnice.core.spayd import qr_matrix, qr_png, qr_svg, spayd_string

GOAL_MS = 20.0


def longest_payment():
    """A SPAYD string as long as an order makes it: every field at its maximum length."""
    return spayd_string(
        iban="CZ6508000000192000145399",
        amount=999_999_999,
        variable_symbol="2699999994",
        specific_symbol="9999999999",
        constant_symbol="0558",
        message="Školní výlet do Krkonoš, 3. B, Jan Novák, příspěvek na dopravu",
        recipient_name="Základní škola Lhota pod Lesem, p.o.",
        due_date=datetime.date(2026, 12, 31),
    )


def measure(render, text, repeat, fresh):
    """Wall-clock and CPU milliseconds of each of ``repeat`` renders (after a warm-up render);
    ``fresh`` encodes the code anew every time, otherwise it comes from the cache."""
    render(text)
    wall, cpu = [], []
    for _round in range(repeat):
        if fresh:
            qr_matrix.cache_clear()
        wall_start, cpu_start = time.perf_counter(), time.process_time()
        render(text)
        cpu.append((time.process_time() - cpu_start) * 1000)
        wall.append((time.perf_counter() - wall_start) * 1000)
    return sorted(wall), sorted(cpu)


def percentile(times, share):
    return times[min(len(times) - 1, round(share * (len(times) - 1)))]


class Command(BaseCommand):
    # A plain string: argparse formats --help with regular expressions, which a lazy
    # translation proxy breaks. Management commands speak Czech, like the rest of the admin.
    help = (
        "Změří, jak dlouho trvá vykreslení jednoho QR kódu QR Platby (SVG pro stránky a e-maily, "
        "PNG pro PDF a přílohy): medián, 95. percentil a nejdelší čas. Skončí chybou, když "
        "medián překročí cíl (20 ms)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--repeat",
            type=int,
            default=200,
            help=_("Kolikrát vykreslit každý formát (výchozí 200)."),
        )
        parser.add_argument(
            "--goal-ms",
            type=float,
            default=GOAL_MS,
            help=_("Cíl pro medián v milisekundách (výchozí 20)."),
        )

    def handle(self, *args, **options):
        repeat = options["repeat"]
        if repeat < 1:
            raise CommandError(_("--repeat musí být aspoň 1."))
        text = longest_payment()
        self.stdout.write(
            _("Řetězec QR Platby (%(length)s znaků): %(text)s")
            % {"length": len(text), "text": text}
        )
        headings = (_("medián"), _("95. percentil"), _("nejdéle"), _("medián CPU"))
        widths = (10, 14, 10, 12)
        self.stdout.write(
            " " * 24
            + "".join(
                f" {heading:>{width}}" for heading, width in zip(headings, widths, strict=True)
            )
        )
        slow = []
        for fresh, case in ((True, _("nový kód")), (False, _("z mezipaměti"))):
            for name, render in (("SVG", qr_svg), ("PNG", qr_png)):
                wall, cpu = measure(render, text, repeat, fresh)
                cpu_median = statistics.median(cpu)
                self.stdout.write(
                    f"{f'{name} ({case})':24} {statistics.median(wall):>7.2f} ms"
                    f" {percentile(wall, 0.95):>11.2f} ms {wall[-1]:>7.2f} ms"
                    f" {cpu_median:>9.2f} ms"
                )
                if cpu_median > options["goal_ms"]:
                    slow.append(f"{name} ({case})")
        if slow:
            raise CommandError(
                _(
                    "Medián času procesoru pro vykreslení QR kódu překročil cíl %(goal)s ms: "
                    "%(formats)s."
                )
                % {"goal": f"{options['goal_ms']:g}", "formats": ", ".join(slow)}
            )
        self.stdout.write(
            self.style.SUCCESS(
                _("QR kód se vykreslí v cíli %(goal)s ms.") % {"goal": f"{options['goal_ms']:g}"}
            )
        )
