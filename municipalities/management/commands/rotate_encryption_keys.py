"""Encrypt every stored secret again with the first key of RADNICE_ENCRYPTION_KEYS.

Run after putting a new key first; afterwards the old keys can be dropped. Idempotent, one
transaction: a value no key decrypts stops the command before anything is written.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from municipalities.encryption import encrypted_fields


class Command(BaseCommand):
    help = "Re-encrypts every encrypted field with the first key of RADNICE_ENCRYPTION_KEYS."

    def handle(self, *args, **options):
        total = 0
        with transaction.atomic():
            for model, field in encrypted_fields():
                # Reading decrypts with any configured key; writing encrypts with the first.
                rows = model._base_manager.exclude(**{field.attname: ""}).exclude(
                    **{f"{field.attname}__isnull": True}
                )
                for pk, value in rows.values_list("pk", field.attname).iterator():
                    model._base_manager.filter(pk=pk).update(**{field.attname: value})
                    total += 1
        self.stdout.write(f"Re-encrypted {total} values.")
