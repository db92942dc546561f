"""``{% module_url municipality "payments" "order" order.token %}``: a module's stable URL,
absolute on the town's registered hostname, for e-mails and documents
(municipalities.module_urls)."""

from django import template

from municipalities.module_urls import module_url as build_module_url

register = template.Library()


@register.simple_tag
def module_url(municipality, module_name, url_name, *args):
    return build_module_url(municipality, module_name, url_name, *args)
