from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("shop", "0001_initial"),
    ]

    operations = [
        migrations.RemoveField(model_name="product", name="note"),
        migrations.RenameField(model_name="product", old_name="name", new_name="title"),
        migrations.AlterField(model_name="product", name="sku", field=models.CharField(max_length=20)),
        migrations.AlterField(model_name="product", name="price", field=models.DecimalField(max_digits=10, decimal_places=2)),
        migrations.AddIndex(model_name="product", index=models.Index(fields=["title"], name="product_title_idx")),
        migrations.CreateModel(
            name="Tag",
            fields=[("id", models.BigAutoField(primary_key=True, serialize=False))],
        ),
        migrations.AddField(model_name="tag", name="label", field=models.CharField(max_length=30, default="x"), preserve_default=False),
    ]
