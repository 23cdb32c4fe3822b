/** Status of the embedded MQTT broker, for the shell and monitoring. */
package org.cogos.broker;
