/// The commented starter model `bulkhead init` writes: three zones, one conduit, one firewall.
public enum StarterModel {
  /// The file name `bulkhead init` writes.
  public static let fileName = "bulkhead.yaml"

  /// The starter model's text; it loads without errors.
  public static let yaml = """
    # Bulkhead model: the plant's zones, assets and conduits (IEC 62443-3-2), kept in git and reviewed like code.
    # Reference: docs/model.md. Check it with `bulkhead validate`.
    version: 1
    plant: My Plant

    # Zones group assets that share security requirements. `purdue` places the zone on the Purdue model
    # (0, 1, 2, 3, 3.5 for the OT DMZ, 4, 5); `sl_target` is the target security level 0-4, or a vector
    # {FR1: 2, FR2: 2, FR3: 2, FR4: 1, FR5: 2, FR6: 1, FR7: 2} over IEC 62443-3-3's foundational requirements.
    zones:
      - id: enterprise
        name: Enterprise IT
        purdue: 4
        sl_target: 1
        networks: [10.0.0.0/16]
      - id: ot-dmz
        name: OT DMZ
        purdue: 3.5
        sl_target: 2
        networks: [172.16.0.0/24]
      - id: control
        name: Control
        purdue: 1
        sl_target: 3
        networks: [192.168.1.0/24]

    # Assets: every device that matters. `zone` may be left out when an address places the asset.
    # More assets can come from a spreadsheet export: `inventory: inventory.csv` (columns name, ip, mac, zone, ...).
    assets:
      - {id: historian, kind: historian, zone: ot-dmz, addresses: [172.16.0.10]}
      - {id: plc-1, kind: plc, zone: control, addresses: [192.168.1.10], vendor: ExampleCo, criticality: high}

    # Conduits: the only communication allowed between zones. Each flow names who opens it (`from`), who answers
    # (`to`) and the service (a catalog name such as modbus, opcua, s7comm, https, or a raw spec like tcp/8530).
    conduits:
      - id: historian-collect
        between: [ot-dmz, control]
        flows:
          - {from: historian, to: plc-1, service: modbus, operations: [read]}
        enforced_by: [fw-1]
        owner: ot-engineering
        justification: The historian polls process values from the PLC.
        review_by: 2030-01-01

    # Enforcement points: the firewalls that implement the conduits, and which zones each interface faces.
    enforcement_points:
      - id: fw-1
        vendor: iptables
        # config: firewalls/fw-1.iptables-save   # the output of `iptables-save -c`
        interfaces:
          eth0: [enterprise]
          eth1: [ot-dmz]
          eth2: [control]

    # Captures: pcap/pcapng files (globs allowed) recorded at the zone boundaries.
    # captures: [captures/*.pcap]

    """
}
