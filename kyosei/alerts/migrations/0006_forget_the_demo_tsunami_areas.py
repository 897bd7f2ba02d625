"""The 15 single tsunami areas the demo's hand-written file (data/tsunami_areas.json, removed)
set at import. data/tsunami_coasts.json gives those municipalities their coasts' areas, and
better: 豊橋市 and 田原市 face both 愛知県外海 (390) and 伊勢・三河湾 (391), where the old file
said 390 only. Cleared only where the value is still the file's; anything else an admin set."""

from django.db import migrations

FORMER = {
    **dict.fromkeys(
        [
            "2213000", "2213001", "2213800", "2213900", "2222100", "2221100", "2221200",
            "2221300", "2221600", "2210000", "2210001", "2220300", "2220500",
        ],
        "380",
    ),
    "2320100": "390",
    "2323100": "390",
}  # fmt: skip


def forget(apps, schema_editor):
    Area = apps.get_model("alerts", "Area")
    for code, area in FORMER.items():
        Area.objects.filter(kind="municipality", code=code, tsunami_area_code=area).update(
            tsunami_area_code=""
        )


class Migration(migrations.Migration):
    dependencies = [("alerts", "0005_notice_fan_out_lease")]

    operations = [migrations.RunPython(forget, migrations.RunPython.noop)]
