"""Admin panels that Czech needs.

Wagtail's inline panel names its button "Add {label}" and each child "{label} 1" with the
same word, which Czech declines differently: "Cenová hladina 1", but "Přidat cenovou
hladinu". ``InlinePanel(add_label=...)`` takes the whole button text.
"""

from wagtail.admin.panels import InlinePanel as WagtailInlinePanel


class InlinePanel(WagtailInlinePanel):
    def __init__(self, *args, add_label="", **kwargs):
        super().__init__(*args, **kwargs)
        self.add_label = add_label

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "add_label": self.add_label}

    class BoundPanel(WagtailInlinePanel.BoundPanel):
        template_name = "core/panels/inline_panel.html"
