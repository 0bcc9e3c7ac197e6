from django.core.management.base import BaseCommand, CommandError

from gongkai.demo.info import demo_loaded, print_info


class Command(BaseCommand):
    help = "Print the demo accounts and the demo application's tracking number and query code again."

    def handle(self, *args, **options):
        if not demo_loaded():
            raise CommandError("演示数据尚未加载，请先运行 gongkai load_demo（或 make run）。")
        print_info(self.stdout, self.style)
