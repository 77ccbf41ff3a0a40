"""Bulkhead's own renderer of an abstract equivalence policy into a pfSense config.xml (aerleon has no pfSense or
OPNsense generator: its `packetfilter` generator writes OpenBSD pf.conf, which is not the export a pfSense user has).

This is ours, not aerleon's, and it is deliberately literal, so that what it proves is Bulkhead's reading of
config.xml and of pf's semantics, not a clever translation: each network becomes a network alias (its prefixes),
each term side naming several networks a network alias nesting them, each service a port alias (every port of the
service, `N` or `N:M`, as aerleon unions a term's ports over its protocols), each term one rule (pass or block,
IPv4, protocol tcp, udp or tcp/udp when the term names a service, any otherwise) in one of three layouts chosen by
the seed (see `render`), `ANY4` is `<any/>` (an inet rule: every IPv4 address). LAN is `internal`, WAN `external`;
the WAN has no rule. pfSense's generated rules stay as on a real device; the Swift test states their effect.
"""

from xml.sax.saxutils import escape


def render(definitions, terms, seed):
    networks = definitions["networks"]
    services = definitions["services"]
    out = ['<?xml version="1.0"?>', "<pfsense>", "\t<version>23.3</version>", "\t<system>",
           f"\t\t<hostname>equivalence-{seed}</hostname>", "\t</system>", "\t<interfaces>",
           "\t\t<wan>", "\t\t\t<enable></enable>", "\t\t\t<if>external</if>", "\t\t\t<ipaddr>192.0.2.1</ipaddr>",
           "\t\t\t<subnet>24</subnet>", "\t\t</wan>", "\t\t<lan>", "\t\t\t<enable></enable>",
           "\t\t\t<if>internal</if>", "\t\t\t<ipaddr>198.51.100.1</ipaddr>", "\t\t\t<subnet>24</subnet>",
           "\t\t</lan>", "\t</interfaces>", "\t<aliases>"]

    def alias(name, kind, entries):
        out.extend(["\t\t<alias>", f"\t\t\t<name>{escape(name)}</name>", f"\t\t\t<type>{kind}</type>",
                    f"\t\t\t<address>{escape(' '.join(entries))}</address>", "\t\t</alias>"])

    for name in sorted(n for n in networks if n != "ANY4"):
        alias(name, "network", [v["address"] for v in networks[name]["values"]])
    for name in sorted(services):
        ports = []
        for entry in services[name]:
            port = entry["port"].replace("-", ":")
            if port not in ports:
                ports.append(port)
        alias(name, "port", ports)

    def side(term, key):
        names = term[key].split()
        if names == ["ANY4"]:
            return None
        if len(names) == 1:
            return names[0]
        combined = f"{term['name']}_{'src' if key == 'source-address' else 'dst'}"
        alias(combined, "network", names)  # a nested alias
        return combined

    # Three layouts by seed, the same policy each time: rules on the LAN tab (quick, first match); floating rules
    # `in` on lan marked quick; floating rules on lan that are not quick, written in reverse term order (pf's last
    # match over the reversed list is the first match over the terms).
    layout = ("interface", "floating-quick", "floating-last-match")[seed % 3]
    rules = []
    for term in (reversed(terms) if layout == "floating-last-match" else terms):
        source = side(term, "source-address")
        destination = side(term, "destination-address")
        rule = ["\t\t<rule>", f"\t\t\t<type>{'pass' if term['action'] == 'accept' else 'block'}</type>",
                "\t\t\t<interface>lan</interface>", "\t\t\t<ipprotocol>inet</ipprotocol>"]
        if layout != "interface":
            rule += ["\t\t\t<floating>yes</floating>", "\t\t\t<direction>in</direction>"]
            if layout == "floating-quick":
                rule.append("\t\t\t<quick>yes</quick>")
        if "destination-port" in term:
            protocols = term["protocol"].split()
            rule.append(f"\t\t\t<protocol>{'tcp/udp' if len(protocols) > 1 else protocols[0]}</protocol>")
        rule.append("\t\t\t<source>")
        rule.append(f"\t\t\t\t<address>{source}</address>" if source else "\t\t\t\t<any></any>")
        rule.append("\t\t\t</source>")
        rule.append("\t\t\t<destination>")
        rule.append(f"\t\t\t\t<address>{destination}</address>" if destination else "\t\t\t\t<any></any>")
        if "destination-port" in term:
            rule.append(f"\t\t\t\t<port>{term['destination-port']}</port>")
        rule.append("\t\t\t</destination>")
        rule.append(f"\t\t\t<descr>{escape(term['name'])}</descr>")
        rule.append("\t\t</rule>")
        rules.extend(rule)
    out.append("\t</aliases>")
    out.append("\t<filter>")
    out.extend(rules)
    out.append("\t</filter>")
    out.append("</pfsense>")
    return "\n".join(out) + "\n"
