from django.core.management.base import BaseCommand

from gongkai.demo.info import print_info
from gongkai.demo.loader import load_all


class Command(BaseCommand):
    help = (
        "Load the demo city (抚顺市) with its organisations, guides, users and content. Idempotent; prints the "
        "demo accounts and the demo application's tracking number and query code on every run."
    )

    def handle(self, *args, **options):
        load_all(log=self.stdout.write)
        self.stdout.write("")
        print_info(self.stdout, self.style)
