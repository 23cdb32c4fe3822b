/** What other bundles may learn from the MQTT link: action acknowledgements and traffic counters. */
package org.cogos.mqtt;
